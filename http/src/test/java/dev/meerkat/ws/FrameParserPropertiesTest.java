package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any sequence of messages, fragmented anyhow with pings between fragments, parses to the same
 * messages however the byte stream is cut into reads (the Read contract: unconsumed bytes come
 * again with the next ones).
 */
class FrameParserPropertiesTest {

    /** One message to send: its kind and content, and where its fragments are cut. */
    record Message(boolean text, String content, byte[] binary, List<Integer> cuts, boolean pingBetween) {

        Received expected() {
            return text ? new Received(Opcode.TEXT, Frames.utf8(content)) : new Received(Opcode.BINARY, binary);
        }

        byte[] payload() {
            return text ? Frames.utf8(content) : binary;
        }
    }

    @Property(tries = 300)
    void randomMessagesParseTheSameAtAnySplit(@ForAll("messages") List<Message> messages, @ForAll long seed,
                                              @ForAll boolean fromClient) throws Exception {
        List<Received> expected = new ArrayList<>();
        byte[] stream = encode(messages, expected, fromClient);
        FrameParser parser = new FrameParser(fromClient, 1 << 20, Frames.NO_BUDGET);

        assertThat(parseInRandomReads(parser, stream, new Random(seed))).isEqualTo(expected);
    }

    @Property(tries = 300)
    void utf8ValidatorAgreesWithTheJdkDecoder(@ForAll("utf8ish") byte[] bytes) {
        Utf8Validator validator = new Utf8Validator();
        boolean valid = validator.accept(bytes, 0, bytes.length) && validator.isComplete();
        boolean jdk;
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            jdk = true;
        } catch (java.nio.charset.CharacterCodingException e) {
            jdk = false;
        }
        assertThat(valid).isEqualTo(jdk);
    }

    @Provide
    Arbitrary<List<Message>> messages() {
        // Lone surrogates become '?' in UTF-8: still valid text.
        Arbitrary<String> texts = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<byte[]> binaries = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<List<Integer>> cuts = Arbitraries.integers().between(0, 1200).list().ofMaxSize(4);
        Arbitrary<Message> message = Combinators.combine(Arbitraries.of(true, false), texts, binaries, cuts,
                Arbitraries.of(true, false)).as(Message::new);
        return message.list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<byte[]> valid = Arbitraries.strings().all().ofMaxLength(20).map(Frames::utf8);
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
        Arbitrary<byte[]> nearMisses = Arbitraries.of((byte) 0xC0, (byte) 0xC2, (byte) 0xE0, (byte) 0xED, (byte) 0xF0,
                (byte) 0xF4, (byte) 0xF5, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF,
                (byte) 'a').array(byte[].class).ofMaxSize(8);
        return Arbitraries.oneOf(valid, random, nearMisses);
    }

    private static byte[] encode(List<Message> messages, List<Received> expected, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            List<byte[]> fragments = fragments(m.payload(), m.cuts());
            for (int i = 0; i < fragments.size(); i++) {
                boolean last = i == fragments.size() - 1;
                int opcode = i > 0 ? Opcode.CONTINUATION : m.text() ? Opcode.TEXT : Opcode.BINARY;
                out.writeBytes(Frames.frame(last, opcode, fragments.get(i), masked));
                if (!last && m.pingBetween()) {
                    byte[] ping = Frames.utf8("ping " + i);
                    out.writeBytes(Frames.frame(true, Opcode.PING, ping, masked));
                    expected.add(new Received(Opcode.PING, ping));
                }
            }
            expected.add(m.expected());
        }
        return out.toByteArray();
    }

    /** Cuts {@code payload} at the given offsets (clamped, sorted); cuts may split code points. */
    private static List<byte[]> fragments(byte[] payload, List<Integer> cuts) {
        List<Integer> offsets = cuts.stream().map(c -> Math.min(c, payload.length)).sorted().toList();
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int to : offsets) {
            pieces.add(java.util.Arrays.copyOfRange(payload, from, to));
            from = to;
        }
        pieces.add(java.util.Arrays.copyOfRange(payload, from, payload.length));
        return pieces;
    }

    /** Feeds {@code stream} in reads of random sizes (one byte included), keeping unconsumed bytes. */
    private static List<Received> parseInRandomReads(FrameParser parser, byte[] stream, Random random)
            throws WsProtocolException {
        List<Received> out = new ArrayList<>();
        ByteBuffer pending = ByteBuffer.allocate(stream.length);
        int offset = 0;
        while (offset < stream.length) {
            int size = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(Math.max(1, stream.length / 3));
            int take = Math.min(size, stream.length - offset);
            pending.put(stream, offset, take);
            offset += take;
            pending.flip();
            Received r;
            while ((r = parser.next(pending)) != null) {
                out.add(r);
            }
            pending.compact();
        }
        assertThat(pending.position()).as("bytes left unparsed at the end").isZero();
        return out;
    }
}
