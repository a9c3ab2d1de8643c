package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Fuzz target for the WebSocket frame parser (Jazzer; CONTRIBUTING.md says how to fuzz one). Half
 * the inputs are messages the test frames itself, fragmented and interleaved with pings as the
 * fuzzer chooses: they must come out exactly. The other half are raw bytes under a small message
 * limit: the same messages and failure whatever the cut, only close codes 1002, 1007 and 1009, and
 * nothing delivered that breaks the limits or RFC 6455's rules for what reaches the application.
 */
class FrameParserFuzzTest {

    private static final Set<Integer> CLOSE_CODES = Set.of(1002, 1007, 1009);
    private static final int MAX_PARTS = 100_000;
    private static final int MAX_FRAGMENTS = 16;

    /** What a run produced: the messages and control frames, then the failure (null when none). */
    record Parsed(List<Received> received, WsProtocolException failure) {

        String outcome() {
            return failure == null ? "none" : "close " + failure.closeCode();
        }
    }

    @FuzzTest(maxDuration = "25s")
    void frames(FuzzedDataProvider data) {
        boolean server = data.consumeBoolean();
        int cut = data.consumeInt(0, 4096);
        if (data.consumeBoolean()) {
            parsesWhatWasFramed(data, server, cut);
            return;
        }
        int limit = data.consumeInt(0, 1024);
        byte[] input = data.consumeRemainingAsBytes();
        FrameParser parser = new FrameParser(server, limit, Frames.NO_BUDGET);
        Parsed whole = parse(parser, List.of(input));
        Parsed pieces = parse(new FrameParser(server, limit, Frames.NO_BUDGET), split(input, cut));

        assertThat(pieces.received()).as("received from the input cut at %d", cut).isEqualTo(whole.received());
        assertThat(pieces.outcome()).as("failure of the input cut at %d", cut).isEqualTo(whole.outcome());
        whole.received().forEach(r -> assertDeliverable(r, limit));
        if (whole.failure() != null) {
            assertThat(CLOSE_CODES).as("close code of %s", whole.failure().getMessage())
                    .contains(whole.failure().closeCode());
            assertThatThrownBy(() -> parser.next(ByteBuffer.allocate(2))).isSameAs(whole.failure());
        }
    }

    private static void parsesWhatWasFramed(FuzzedDataProvider data, boolean server, int cut) {
        List<Received> expected = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int messages = data.consumeInt(0, 5); messages > 0; messages--) {
            boolean text = data.consumeBoolean();
            byte[] payload = text ? data.consumeString(100).getBytes(StandardCharsets.UTF_8) : data.consumeBytes(300);
            writeFragments(data, wire, expected, text ? Opcode.TEXT : Opcode.BINARY, payload, server);
            expected.add(new Received(text ? Opcode.TEXT : Opcode.BINARY, payload));
        }

        Parsed parsed = parse(new FrameParser(server, 4096, Frames.NO_BUDGET), split(wire.toByteArray(), cut));

        assertThat(parsed.failure()).as("failure").isNull();
        assertThat(parsed.received()).isEqualTo(expected);
    }

    /** The payload in at most {@link #MAX_FRAGMENTS} fragments cut where the fuzzer says, a ping after some. */
    private static void writeFragments(FuzzedDataProvider data, ByteArrayOutputStream wire, List<Received> pings,
                                       int opcode, byte[] payload, boolean masked) {
        int from = 0;
        boolean first = true;
        for (int fragments = 1; ; fragments++) {
            int to = fragments == MAX_FRAGMENTS || data.consumeBoolean() ? payload.length
                    : data.consumeInt(from, payload.length);
            boolean fin = to == payload.length;
            wire.writeBytes(Frames.frame(fin, first ? opcode : Opcode.CONTINUATION,
                    Arrays.copyOfRange(payload, from, to), masked));
            if (fin) {
                return;
            }
            if (data.consumeBoolean()) {
                byte[] ping = data.consumeBytes(125);
                wire.writeBytes(Frames.frame(true, Opcode.PING, ping, masked));
                pings.add(new Received(Opcode.PING, ping));
            }
            from = to;
            first = false;
        }
    }

    /** Within the limits, text in UTF-8, a close frame with a code allowed on the wire. */
    private static void assertDeliverable(Received r, int limit) {
        if (Opcode.isControl(r.opcode())) {
            assertThat(r.payload().length).as("payload of control frame %s", r).isLessThanOrEqualTo(125);
        } else {
            assertThat(r.payload().length).as("size of message %s", r).isLessThanOrEqualTo(limit);
        }
        if (r.opcode() == Opcode.TEXT) {
            assertUtf8(r.payload(), 0);
        }
        if (r.opcode() == Opcode.CLOSE && r.payload().length > 0) {
            assertThat(CloseCodes.isValidOnWire(r.closeCode())).as("close code %d", r.closeCode()).isTrue();
            assertUtf8(r.payload(), 2);
        }
    }

    private static void assertUtf8(byte[] bytes, int from) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, from, bytes.length - from));
        } catch (CharacterCodingException e) {
            throw new AssertionError("expected valid UTF-8 but was " + Arrays.toString(bytes), e);
        }
    }

    /** Feeds the pieces to the parser the way a connection does, until it fails or needs more. */
    private static Parsed parse(FrameParser parser, List<byte[]> pieces) {
        ByteBuffer buffer = ByteBuffer.allocate(pieces.stream().mapToInt(p -> p.length).sum());
        buffer.limit(0);
        List<Received> received = new ArrayList<>();
        try {
            for (byte[] piece : pieces) {
                buffer.compact().put(piece).flip();
                Received r;
                while ((r = parser.next(buffer)) != null) {
                    received.add(r);
                    assertThat(received.size()).as("frames parsed").isLessThan(MAX_PARTS);
                }
            }
            return new Parsed(received, null);
        } catch (WsProtocolException e) {
            return new Parsed(received, e);
        }
    }

    private static List<byte[]> split(byte[] input, int at) {
        int cut = Math.min(at, input.length);
        return List.of(Arrays.copyOfRange(input, 0, cut), Arrays.copyOfRange(input, cut, input.length));
    }
}
