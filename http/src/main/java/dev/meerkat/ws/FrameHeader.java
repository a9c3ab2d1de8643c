package dev.meerkat.ws;

import java.nio.ByteBuffer;

/**
 * The fixed part of a frame (RFC 6455 §5.2): 2 bytes, then a 16- or 64-bit extended length, then the
 * 4-byte masking key when MASK is set; 2 to 14 bytes in all.
 *
 * @param fin     last fragment of its message
 * @param rsv     the three RSV bits, 0 unless an extension was negotiated
 * @param opcode  the 4-bit opcode
 * @param masked  the MASK bit
 * @param maskKey the masking key, big-endian; 0 when not masked
 * @param length  payload length in bytes
 */
record FrameHeader(boolean fin, int rsv, int opcode, boolean masked, int maskKey, long length) {

    static final int MAX_SIZE = 14;

    /**
     * Reads a header from {@code in} and consumes it, or returns null and consumes nothing when
     * {@code in} does not hold the whole header yet.
     *
     * @throws WsProtocolException for a 64-bit length with its most significant bit set (§5.2)
     */
    static FrameHeader read(ByteBuffer in) throws WsProtocolException {
        if (in.remaining() < 2) {
            return null;
        }
        int p = in.position();
        int b0 = in.get(p) & 0xFF;
        int b1 = in.get(p + 1) & 0xFF;
        boolean masked = (b1 & 0x80) != 0;
        int lengthBytes = switch (b1 & 0x7F) {
            case 126 -> 2;
            case 127 -> 8;
            default -> 0;
        };
        int size = 2 + lengthBytes + (masked ? 4 : 0);
        if (in.remaining() < size) {
            return null;
        }
        long length = switch (lengthBytes) {
            case 2 -> in.getShort(p + 2) & 0xFFFFL;
            case 8 -> in.getLong(p + 2);
            default -> b1 & 0x7F;
        };
        if (length < 0) {
            throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR,
                    "expected a 64-bit payload length with its most significant bit clear but was 0x"
                            + Long.toHexString(length));
        }
        int maskKey = masked ? in.getInt(p + 2 + lengthBytes) : 0;
        in.position(p + size);
        return new FrameHeader((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xF, masked, maskKey, length);
    }

    /** Writes a header for {@code length} bytes of payload, with the shortest length form. */
    static void write(ByteBuffer out, boolean fin, int opcode, long length, byte[] maskKey) {
        out.put((byte) ((fin ? 0x80 : 0) | opcode));
        int maskBit = maskKey == null ? 0 : 0x80;
        if (length <= 125) {
            out.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (maskBit | 126)).putShort((short) length);
        } else {
            out.put((byte) (maskBit | 127)).putLong(length);
        }
        if (maskKey != null) {
            out.put(maskKey);
        }
    }

    /** The size of the header {@link #write} produces. */
    static int size(long length, boolean masked) {
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        return 2 + lengthBytes + (masked ? 4 : 0);
    }

    /**
     * XORs {@code count} bytes with the masking key (§5.3), which masks and unmasks alike;
     * {@code maskOffset} is the position of the first byte within the frame's payload.
     */
    static void applyMask(byte[] bytes, int offset, int count, int maskKey, long maskOffset) {
        for (int i = 0; i < count; i++) {
            int shift = 24 - 8 * (int) ((maskOffset + i) & 3);
            bytes[offset + i] ^= (byte) (maskKey >>> shift);
        }
    }
}
