package dev.meerkat.http;

import java.nio.ByteBuffer;

/**
 * Body bytes as they arrived (chunked framing removed). {@code data} is a read-only view of the
 * input buffer: valid only until that buffer changes, so copy what must be kept.
 *
 * @param data the bytes from position to limit, read-only
 */
public record BodyChunk(ByteBuffer data) implements HttpPart {

    /**
     * A copy of the bytes, leaving {@code data}'s position unchanged.
     *
     * @return a new array of the remaining bytes
     */
    public byte[] bytes() {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }
}
