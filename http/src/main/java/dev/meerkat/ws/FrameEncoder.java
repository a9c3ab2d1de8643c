package dev.meerkat.ws;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Writes frames. A client masks every frame with a fresh key from a strong source (RFC 6455 §5.3:
 * an intermediary must not be able to predict it); a server never masks.
 */
final class FrameEncoder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean mask;
    private final int maxFrameSize;

    /**
     * @param mask         true on a client
     * @param maxFrameSize data messages longer than this go out as several fragments
     */
    FrameEncoder(boolean mask, int maxFrameSize) {
        this.mask = mask;
        this.maxFrameSize = maxFrameSize;
    }

    /** A whole data message as one buffer: one frame, or fragments of at most maxFrameSize bytes (§5.4). */
    ByteBuffer message(int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        int frames = Math.max(1, (int) ((length + (long) maxFrameSize - 1) / maxFrameSize));
        ByteBuffer out = ByteBuffer.allocate(encodedSize(length, frames));
        ByteBuffer rest = payload.duplicate();
        for (int i = 0; i < frames; i++) {
            ByteBuffer piece = rest.slice();
            piece.limit(Math.min(maxFrameSize, piece.remaining()));
            rest.position(rest.position() + piece.remaining());
            frame(out, i == frames - 1, i == 0 ? opcode : Opcode.CONTINUATION, piece);
        }
        return out.flip();
    }

    /** One control frame; the caller keeps the payload within 125 bytes (§5.5). */
    ByteBuffer control(int opcode, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(FrameHeader.size(payload.length, mask) + payload.length);
        frame(out, true, opcode, ByteBuffer.wrap(payload));
        return out.flip();
    }

    private void frame(ByteBuffer out, boolean fin, int opcode, ByteBuffer payload) {
        byte[] key = mask ? newMaskKey() : null;
        int length = payload.remaining();
        FrameHeader.write(out, fin, opcode, length, key);
        int start = out.position();
        out.put(payload);
        if (key != null) {
            FrameHeader.applyMask(out.array(), out.arrayOffset() + start, length, ByteBuffer.wrap(key).getInt(), 0);
        }
    }

    private int encodedSize(int length, int frames) {
        int full = frames - 1;
        int last = length - full * maxFrameSize;
        return full * (FrameHeader.size(maxFrameSize, mask) + maxFrameSize) + FrameHeader.size(last, mask) + last;
    }

    private static byte[] newMaskKey() {
        byte[] key = new byte[4];
        RANDOM.nextBytes(key);
        return key;
    }
}
