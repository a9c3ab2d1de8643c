package dev.meerkat.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A FIFO of bytes over one heap buffer that is allocated when bytes arrive and released as soon as
 * it is empty, so an idle connection holds no I/O buffer. The buffer stays in "fill" mode: the
 * queued bytes are [0, position).
 */
final class ByteQueue {
    private static final int MIN_CAPACITY = 4096;

    private final BufferAccount account;
    private ByteBuffer buffer;

    ByteQueue(BufferAccount account) {
        this.account = account;
    }

    int size() {
        return buffer == null ? 0 : buffer.position();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The buffer in fill mode with at least {@code room} free bytes; write into it directly. */
    ByteBuffer fillable(int room) {
        int needed = size() + room;
        if (buffer == null || buffer.capacity() < needed) {
            grow(Math.max(needed, buffer == null ? MIN_CAPACITY : buffer.capacity() * 2));
        }
        return buffer;
    }

    /** A view of the queued bytes; advance its position, then pass it to {@link #consumed}. */
    ByteBuffer readable() {
        if (buffer == null) {
            return ByteBuffer.allocate(0);
        }
        return buffer.duplicate().flip();
    }

    /** Drops the bytes a {@link #readable()} view advanced over. */
    void consumed(ByteBuffer view) {
        consume(view.position());
    }

    void consume(int count) {
        if (count == 0) {
            return;
        }
        buffer.flip().position(count);
        buffer.compact();
        releaseIfEmpty();
    }

    /** Appends every remaining byte of {@code source}. */
    void append(ByteBuffer source) {
        fillable(source.remaining()).put(source);
    }

    /** Reads at most {@code max} bytes; returns the count, or -1 at end of stream. */
    int readFrom(ReadableByteChannel channel, int max) throws IOException {
        ByteBuffer target = fillable(Math.min(max, MIN_CAPACITY * 4));
        int limit = target.limit();
        target.limit(Math.min(limit, target.position() + max));
        try {
            return channel.read(target);
        } finally {
            target.limit(limit);
            releaseIfEmpty();
        }
    }

    /** Writes as much as the channel takes; returns the count. */
    int writeTo(WritableByteChannel channel) throws IOException {
        if (isEmpty()) {
            return 0;
        }
        ByteBuffer view = readable();
        int written = channel.write(view);
        consumed(view);
        return written;
    }

    void releaseIfEmpty() {
        if (buffer != null && buffer.position() == 0) {
            release();
        }
    }

    void release() {
        if (buffer != null) {
            account.released(buffer.capacity());
            buffer = null;
        }
    }

    private void grow(int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        account.allocated(capacity);
        if (buffer != null) {
            bigger.put(buffer.flip());
            account.released(buffer.capacity());
        }
        buffer = bigger;
    }
}
