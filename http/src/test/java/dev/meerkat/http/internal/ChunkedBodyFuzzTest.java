package dev.meerkat.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meerkat.http.BodyChunk;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpLimits;
import dev.meerkat.http.HttpPart;
import dev.meerkat.http.MessageEnd;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fuzz target for the chunked decoder (Jazzer; CONTRIBUTING.md says how to fuzz one). Half the
 * inputs are a body the test encodes itself, with chunk sizes, extensions, trailers and a cut
 * chosen by the fuzzer: it must decode to exactly its data, consume exactly its bytes and leave the
 * next message's alone, or fail with 400 when a size line is over the limit. The other half are raw
 * bytes: only a 400 or 431 may come out, and the same whatever the cut.
 */
class ChunkedBodyFuzzTest {

    private static final Set<Integer> STATUSES = Set.of(400, 431);
    private static final byte[] NEXT_MESSAGE = "GET /next HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_PARTS = 100_000;

    /** What decoding produced: the body bytes, the trailers once it ended, the failure, the bytes consumed. */
    record Decoded(byte[] data, Headers trailers, SyntaxError failure, int consumed) {

        String outcome() {
            return failure == null ? "ended " + (trailers != null) + " after " + consumed : "failed " + failure.status();
        }
    }

    @FuzzTest(maxDuration = "25s")
    void chunked(FuzzedDataProvider data) {
        HttpLimits limits = new HttpLimits(16, 8, 512, data.consumeInt(8, 40));
        int cut = data.consumeInt(0, 2048);
        if (data.consumeBoolean()) {
            decodesWhatWasEncoded(data, limits, cut);
        } else {
            byte[] input = data.consumeRemainingAsBytes();
            Decoded whole = decode(limits, List.of(input));
            Decoded pieces = decode(limits, split(input, cut));

            assertThat(pieces.data()).as("body of the input cut at %d", cut).isEqualTo(whole.data());
            assertThat(pieces.outcome()).as("outcome of the input cut at %d", cut).isEqualTo(whole.outcome());
            assertThat(whole.failure() == null || STATUSES.contains(whole.failure().status()))
                    .as("status of %s", whole.failure()).isTrue();
            assertThat(whole.data().length).as("body bytes").isLessThanOrEqualTo(input.length);
        }
    }

    private static void decodesWhatWasEncoded(FuzzedDataProvider data, HttpLimits limits, int cut) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> sizeLines = new ArrayList<>();
        for (int chunks = data.consumeInt(0, 6); chunks > 0; chunks--) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 300));
            if (chunk.length == 0) {
                break;
            }
            sizeLines.add(sizeLine(data, chunk.length));
            write(wire, sizeLines.get(sizeLines.size() - 1) + "\r\n");
            wire.writeBytes(chunk);
            write(wire, "\r\n");
            body.writeBytes(chunk);
        }
        sizeLines.add(sizeLine(data, 0));
        write(wire, sizeLines.get(sizeLines.size() - 1) + "\r\n");
        boolean lineTooLong = sizeLines.stream().anyMatch(line -> line.length() > limits.maxChunkLineLength());
        Headers.Builder trailers = Headers.builder();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            trailers.add("X-T" + i, "v" + i);
            write(wire, "X-T" + i + ": v" + i + "\r\n");
        }
        write(wire, "\r\n");
        int length = wire.size();
        wire.writeBytes(NEXT_MESSAGE);

        Decoded decoded = decode(limits, split(wire.toByteArray(), cut));

        if (lineTooLong) {
            assertThat(decoded.outcome()).as("a size line over %d bytes", limits.maxChunkLineLength())
                    .isEqualTo("failed 400");
            return;
        }
        assertThat(decoded.failure()).as("failure decoding %s", wire).isNull();
        assertThat(decoded.data()).as("body").isEqualTo(body.toByteArray());
        assertThat(decoded.trailers()).as("trailers").isEqualTo(trailers.build());
        assertThat(decoded.consumed()).as("bytes consumed, the next message's left alone").isEqualTo(length);
    }

    /** A size line with leading zeros and an extension, as the fuzzer chooses. */
    private static String sizeLine(FuzzedDataProvider data, int size) {
        return "0".repeat(data.consumeInt(0, 3)) + Integer.toHexString(size)
                + (data.consumeBoolean() ? "" : " \t;ext=" + "v".repeat(data.consumeInt(0, 40)));
    }

    /** Feeds the pieces to a decoder the way a connection does, until it ends, fails or needs more. */
    private static Decoded decode(HttpLimits limits, List<byte[]> pieces) {
        ChunkedBody decoder = new ChunkedBody(new LineReader(), limits);
        ByteBuffer buffer = ByteBuffer.allocate(pieces.stream().mapToInt(p -> p.length).sum());
        buffer.limit(0);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int consumed = 0;
        try {
            for (byte[] piece : pieces) {
                buffer.compact().put(piece).flip();
                for (int parts = 0; ; parts++) {
                    assertThat(parts).as("parts decoded from one piece").isLessThan(MAX_PARTS);
                    int before = buffer.position();
                    HttpPart part = decoder.next(buffer);
                    consumed += buffer.position() - before;
                    if (part instanceof MessageEnd end) {
                        return new Decoded(body.toByteArray(), end.trailers(), null, consumed);
                    }
                    if (part == null) {
                        break;
                    }
                    ByteBuffer chunk = ((BodyChunk) part).data();
                    assertThat(chunk.remaining()).as("size of a body chunk").isPositive();
                    body.writeBytes(((BodyChunk) part).bytes());
                }
            }
            return new Decoded(body.toByteArray(), null, null, consumed);
        } catch (SyntaxError e) {
            return new Decoded(body.toByteArray(), null, e, consumed);
        }
    }

    private static List<byte[]> split(byte[] input, int at) {
        int cut = Math.min(at, input.length);
        List<byte[]> pieces = new ArrayList<>();
        pieces.add(java.util.Arrays.copyOfRange(input, 0, cut));
        pieces.add(java.util.Arrays.copyOfRange(input, cut, input.length));
        return pieces;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
