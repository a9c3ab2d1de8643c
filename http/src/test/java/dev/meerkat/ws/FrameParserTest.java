package dev.meerkat.ws;

import static dev.meerkat.ws.Frames.closePayload;
import static dev.meerkat.ws.Frames.concat;
import static dev.meerkat.ws.Frames.frame;
import static dev.meerkat.ws.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameParserTest {

    private static final int LIMIT = 1024;

    @Test
    void parsesAMaskedTextFrameFromAClient() throws Exception {
        assertThat(parseAll(server(), Frames.text("Hello", true))).containsExactly(text("Hello"));
    }

    @Test
    void parsesTheRfcUnmaskedAndMaskedHelloExamples() throws Exception {
        // RFC 6455 §5.7: a single-frame unmasked and masked text message "Hello".
        byte[] unmasked = {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
        byte[] masked = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        assertThat(parseAll(client(), unmasked)).containsExactly(text("Hello"));
        assertThat(parseAll(server(), masked)).containsExactly(text("Hello"));
    }

    @Test
    void joinsFragmentsWithControlFramesInterleaved() throws Exception {
        byte[] input = concat(
                frame(false, Opcode.TEXT, utf8("Hel"), true),
                frame(true, Opcode.PING, utf8("p1"), true),
                frame(false, Opcode.CONTINUATION, utf8("l"), true),
                frame(true, Opcode.PONG, utf8("p2"), true),
                frame(true, Opcode.CONTINUATION, utf8("o"), true));

        assertThat(parseAll(server(), input)).containsExactly(
                new Received(Opcode.PING, utf8("p1")), new Received(Opcode.PONG, utf8("p2")), text("Hello"));
    }

    @Test
    void readsSixteenAndSixtyFourBitLengths() throws Exception {
        byte[] medium = new byte[300];
        byte[] large = new byte[70_000];
        large[69_999] = 7;
        FrameParser parser = new FrameParser(false, 100_000, Frames.NO_BUDGET);

        assertThat(parseAll(parser, frame(true, Opcode.BINARY, medium, false)))
                .containsExactly(new Received(Opcode.BINARY, medium));
        assertThat(parseAll(parser, frame(true, Opcode.BINARY, large, false)))
                .containsExactly(new Received(Opcode.BINARY, large));
    }

    @Test
    void acceptsANonMinimalLengthForm() throws Exception {
        byte[] input = Frames.with64BitLength(0x80 | Opcode.TEXT, utf8("hi"), true);
        assertThat(parseAll(server(), input)).containsExactly(text("hi"));
    }

    @Test
    void leavesAnIncompleteHeaderInPlace() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {(byte) 0x81, (byte) 0xFE, 0x01});
        assertThat(server().next(in)).isNull();
        assertThat(in.position()).isZero();
    }

    @Test
    void consumesPayloadAsItArrives() throws Exception {
        FrameParser parser = server();
        byte[] frame = frame(true, Opcode.BINARY, new byte[200], true);
        ByteBuffer first = ByteBuffer.wrap(frame, 0, 100);
        assertThat(parser.next(first)).isNull();
        assertThat(first.hasRemaining()).as("header and the payload so far were taken").isFalse();
        assertThat(parser.next(ByteBuffer.wrap(frame, 100, frame.length - 100)))
                .isEqualTo(new Received(Opcode.BINARY, new byte[200]));
    }

    @Test
    void acceptsEmptyMessagesAndAnEmptyClose() throws Exception {
        byte[] input = concat(frame(true, Opcode.TEXT, new byte[0], true), frame(true, Opcode.CLOSE, new byte[0], true));
        List<Received> all = parseAll(server(), input);
        assertThat(all).containsExactly(text(""), new Received(Opcode.CLOSE, new byte[0]));
        assertThat(all.get(1).closeCode()).isEqualTo(CloseCodes.NO_STATUS);
    }

    @Test
    void readsACloseCodeAndReason() throws Exception {
        Received close = parseAll(server(), frame(true, Opcode.CLOSE, closePayload(4001, "bye ✓"), true)).get(0);
        assertThat(close.closeCode()).isEqualTo(4001);
        assertThat(close.closeReason()).isEqualTo("bye ✓");
    }

    @Test
    void rejectsAnUnmaskedFrameFromAClient() {
        assertViolation(server(), Frames.text("x", false), CloseCodes.PROTOCOL_ERROR, "masked");
    }

    @Test
    void rejectsAMaskedFrameFromAServer() {
        assertViolation(client(), Frames.text("x", true), CloseCodes.PROTOCOL_ERROR, "unmasked");
    }

    @Test
    void rejectsEachReservedBit() {
        for (int rsv : new int[] {0x40, 0x20, 0x10}) {
            assertViolation(server(), Frames.raw(0x80 | rsv | Opcode.TEXT, utf8("x"), true),
                    CloseCodes.PROTOCOL_ERROR, "RSV");
        }
    }

    @Test
    void rejectsUnknownOpcodes() {
        for (int opcode : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            assertViolation(server(), Frames.raw(0x80 | opcode, new byte[0], true), CloseCodes.PROTOCOL_ERROR, "opcode");
        }
    }

    @Test
    void rejectsAFragmentedControlFrame() {
        assertViolation(server(), frame(false, Opcode.PING, utf8("x"), true), CloseCodes.PROTOCOL_ERROR, "unfragmented");
    }

    @Test
    void rejectsAControlPayloadOver125Bytes() {
        assertViolation(server(), frame(true, Opcode.PING, new byte[126], true), CloseCodes.PROTOCOL_ERROR, "125");
    }

    @Test
    void rejectsAContinuationWithoutAMessage() {
        assertViolation(server(), frame(true, Opcode.CONTINUATION, utf8("x"), true), CloseCodes.PROTOCOL_ERROR,
                "continuation");
    }

    @Test
    void rejectsANewMessageInsideAFragmentedOne() {
        byte[] input = concat(frame(false, Opcode.TEXT, utf8("a"), true), frame(true, Opcode.BINARY, utf8("b"), true));
        assertViolation(server(), input, CloseCodes.PROTOCOL_ERROR, "continuation of the fragmented");
    }

    @Test
    void rejectsA64BitLengthWithItsHighBitSet() {
        byte[] header = ByteBuffer.allocate(10).put((byte) 0x82).put((byte) 127).putLong(0x8000_0000_0000_0001L).array();
        assertViolation(client(), header, CloseCodes.PROTOCOL_ERROR, "most significant bit");
    }

    @Test
    void rejectsInvalidUtf8AsSoonAsItArrivesInAFragment() throws Exception {
        FrameParser parser = server();
        ByteBuffer first = ByteBuffer.wrap(frame(false, Opcode.TEXT, new byte[] {'a', (byte) 0xC0, (byte) 0x80}, true));
        assertThatThrownBy(() -> parser.next(first)).isInstanceOfSatisfying(WsProtocolException.class,
                e -> assertThat(e.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD));
    }

    @Test
    void acceptsACodePointSplitAcrossFragments() throws Exception {
        byte[] euro = utf8("€");
        byte[] input = concat(frame(false, Opcode.TEXT, new byte[] {euro[0]}, true),
                frame(true, Opcode.CONTINUATION, new byte[] {euro[1], euro[2]}, true));
        assertThat(parseAll(server(), input)).containsExactly(text("€"));
    }

    @Test
    void rejectsTextEndingInsideACodePoint() {
        byte[] cut = {utf8("€")[0], utf8("€")[1]};
        assertViolation(server(), frame(true, Opcode.TEXT, cut, true), CloseCodes.INVALID_PAYLOAD, "code point");
    }

    @Test
    void rejectsAMessageOverTheLimitAtItsHeader() {
        byte[] input = frame(true, Opcode.BINARY, new byte[LIMIT + 1], true);
        ByteBuffer header = ByteBuffer.wrap(input, 0, 8);
        assertThatThrownBy(() -> server().next(header)).isInstanceOfSatisfying(WsProtocolException.class,
                e -> assertThat(e.closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG));
    }

    @Test
    void rejectsFragmentsThatTogetherExceedTheLimit() {
        byte[] input = concat(frame(false, Opcode.BINARY, new byte[LIMIT], true),
                frame(true, Opcode.CONTINUATION, new byte[1], true));
        assertViolation(server(), input, CloseCodes.MESSAGE_TOO_BIG, "at most " + LIMIT);
    }

    @Test
    void acceptsAMessageOfExactlyTheLimit() throws Exception {
        assertThat(parseAll(server(), frame(true, Opcode.BINARY, new byte[LIMIT], true)))
                .containsExactly(new Received(Opcode.BINARY, new byte[LIMIT]));
    }

    @Test
    void rejectsAOneByteClosePayload() {
        assertViolation(server(), frame(true, Opcode.CLOSE, new byte[] {3}, true), CloseCodes.PROTOCOL_ERROR, "1 byte");
    }

    @Test
    void rejectsCloseCodesNeverSentOnTheWire() {
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
            assertViolation(server(), frame(true, Opcode.CLOSE, closePayload(code, ""), true),
                    CloseCodes.PROTOCOL_ERROR, "close code");
        }
    }

    @Test
    void acceptsEveryDefinedAndPrivateCloseCode() throws Exception {
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999,
                4000, 4999}) {
            Received close = parseAll(server(), frame(true, Opcode.CLOSE, closePayload(code, ""), true)).get(0);
            assertThat(close.closeCode()).isEqualTo(code);
        }
    }

    @Test
    void rejectsACloseReasonThatIsNotUtf8() {
        byte[] payload = concat(closePayload(1000, ""), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        assertViolation(server(), frame(true, Opcode.CLOSE, payload, true), CloseCodes.INVALID_PAYLOAD, "UTF-8");
    }

    @Test
    void keepsFailingAfterAViolation() {
        FrameParser parser = server();
        ByteBuffer bad = ByteBuffer.wrap(Frames.text("x", false));
        assertThatThrownBy(() -> parser.next(bad)).isInstanceOf(WsProtocolException.class);
        assertThatThrownBy(() -> parser.next(ByteBuffer.wrap(Frames.text("y", true))))
                .isInstanceOf(WsProtocolException.class);
    }

    static FrameParser server() {
        return new FrameParser(true, LIMIT, Frames.NO_BUDGET);
    }

    static FrameParser client() {
        return new FrameParser(false, LIMIT, Frames.NO_BUDGET);
    }

    static Received text(String s) {
        return new Received(Opcode.TEXT, utf8(s));
    }

    static List<Received> parseAll(FrameParser parser, byte[] input) throws WsProtocolException {
        ByteBuffer in = ByteBuffer.wrap(input);
        List<Received> out = new ArrayList<>();
        Received r;
        while ((r = parser.next(in)) != null) {
            out.add(r);
        }
        assertThat(in.remaining()).as("bytes left unparsed").isZero();
        return out;
    }

    private static void assertViolation(FrameParser parser, byte[] input, int code, String messagePart) {
        assertThatThrownBy(() -> parseAll(parser, input)).isInstanceOfSatisfying(WsProtocolException.class, e -> {
            assertThat(e.closeCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
