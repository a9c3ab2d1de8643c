package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    @Test
    void writesTheRfcUnmaskedHelloExample() {
        ByteBuffer frame = new FrameEncoder(false, Integer.MAX_VALUE).message(Opcode.TEXT, ByteBuffer.wrap(Frames.utf8("Hello")));
        assertThat(bytes(frame)).containsExactly(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    }

    @Test
    void masksEveryClientFrameWithAFreshKey() throws Exception {
        FrameEncoder client = new FrameEncoder(true, Integer.MAX_VALUE);
        byte[] first = bytes(client.message(Opcode.BINARY, ByteBuffer.wrap(new byte[8])));
        byte[] second = bytes(client.message(Opcode.BINARY, ByteBuffer.wrap(new byte[8])));

        assertThat(first[1] & 0x80).as("MASK bit").isEqualTo(0x80);
        assertThat(java.util.Arrays.copyOfRange(first, 2, 6)).isNotEqualTo(java.util.Arrays.copyOfRange(second, 2, 6));
        assertThat(FrameParserTest.parseAll(new FrameParser(true, 100, Frames.NO_BUDGET), first))
                .containsExactly(new Received(Opcode.BINARY, new byte[8]));
    }

    @Test
    void usesTheShortestLengthForm() {
        FrameEncoder server = new FrameEncoder(false, Integer.MAX_VALUE);
        assertThat(server.message(Opcode.BINARY, ByteBuffer.allocate(125)).get(1)).isEqualTo((byte) 125);
        assertThat(server.message(Opcode.BINARY, ByteBuffer.allocate(126)).get(1)).isEqualTo((byte) 126);
        assertThat(server.message(Opcode.BINARY, ByteBuffer.allocate(65535)).remaining()).isEqualTo(4 + 65535);
        assertThat(server.message(Opcode.BINARY, ByteBuffer.allocate(65536)).remaining()).isEqualTo(10 + 65536);
    }

    @Test
    void splitsALongMessageIntoFragments() throws Exception {
        byte[] payload = Frames.utf8("0123456789");
        ByteBuffer frames = new FrameEncoder(true, 4).message(Opcode.TEXT, ByteBuffer.wrap(payload));

        List<Integer> firstBytes = new ArrayList<>();
        ByteBuffer scan = frames.duplicate();
        while (scan.hasRemaining()) {
            FrameHeader h = FrameHeader.read(scan);
            firstBytes.add((h.fin() ? 0x80 : 0) | h.opcode());
            scan.position(scan.position() + (int) h.length());
        }
        assertThat(firstBytes).containsExactly(Opcode.TEXT, Opcode.CONTINUATION, 0x80 | Opcode.CONTINUATION);
        assertThat(FrameParserTest.parseAll(new FrameParser(true, 100, Frames.NO_BUDGET), bytes(frames)))
                .containsExactly(new Received(Opcode.TEXT, payload));
    }

    @Test
    void sendsAnEmptyMessageAsOneFrame() {
        assertThat(bytes(new FrameEncoder(false, 4).message(Opcode.TEXT, ByteBuffer.allocate(0)))).containsExactly(0x81, 0);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
