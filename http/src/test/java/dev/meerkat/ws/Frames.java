package dev.meerkat.ws;

import dev.meerkat.MemoryBudget;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds raw frames byte by byte, including ones no encoder would write. */
final class Frames {

    /** A budget no test reaches, for parsers tested without one. */
    static final MemoryBudget NO_BUDGET = MemoryBudget.ofBytes(Long.MAX_VALUE);
    static final int MASK_KEY = 0x37FA213D;

    private Frames() {
    }

    static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        return raw((fin ? 0x80 : 0) | opcode, payload, masked);
    }

    static byte[] text(String text, boolean masked) {
        return frame(true, Opcode.TEXT, utf8(text), masked);
    }

    /** A frame with first byte {@code b0} (FIN, RSV, opcode as given) and the shortest length form. */
    static byte[] raw(int b0, byte[] payload, boolean masked) {
        ByteBuffer out = ByteBuffer.allocate(FrameHeader.MAX_SIZE + payload.length);
        out.put((byte) b0);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            out.put((byte) (maskBit | payload.length));
        } else if (payload.length <= 0xFFFF) {
            out.put((byte) (maskBit | 126)).putShort((short) payload.length);
        } else {
            out.put((byte) (maskBit | 127)).putLong(payload.length);
        }
        return finish(out, payload, masked);
    }

    /** A frame whose length uses the 64-bit form whatever its size (not minimal, still valid). */
    static byte[] with64BitLength(int b0, byte[] payload, boolean masked) {
        ByteBuffer out = ByteBuffer.allocate(FrameHeader.MAX_SIZE + payload.length);
        out.put((byte) b0).put((byte) ((masked ? 0x80 : 0) | 127)).putLong(payload.length);
        return finish(out, payload, masked);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] closePayload(int code, String reason) {
        byte[] text = utf8(reason);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    private static byte[] finish(ByteBuffer out, byte[] payload, boolean masked) {
        byte[] body = payload.clone();
        if (masked) {
            out.putInt(MASK_KEY);
            FrameHeader.applyMask(body, 0, body.length, MASK_KEY, 0);
        }
        out.put(body);
        byte[] frame = new byte[out.position()];
        out.flip().get(frame);
        return frame;
    }
}
