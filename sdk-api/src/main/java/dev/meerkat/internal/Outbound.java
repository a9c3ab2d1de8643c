package dev.meerkat.internal;

import dev.meerkat.Connection;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Plaintext on its way from a blocking writer to the loop thread: chunks the writer copies in (up
 * to a capacity) and the loop sends while the connection is writable. A writer blocks while the
 * chunks fill the capacity, which is how the connection's write watermarks reach it.
 */
final class Outbound extends Handoff {
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private final int capacity;
    private int bytes;
    /** A pump task is queued on the loop: the writer does not queue another. */
    private boolean pumpQueued;

    Outbound(int capacity) {
        this.capacity = capacity;
    }

    // ---- the writer's thread

    /**
     * Copies what fits of {@code src}, waiting up to {@code timeout} (zero: no limit) for room.
     * Returns the bytes taken, or -1 when the connection ended; {@code needsPump} is set when the
     * caller must queue a pump on the loop.
     */
    int put(ByteBuffer src, Duration timeout, boolean[] needsPump) throws InterruptedIOException, AsynchronousCloseException {
        lock.lock();
        try {
            await(() -> bytes < capacity, timeout, "room to write");
            if (ended) {
                return -1;
            }
            int count = Math.min(src.remaining(), capacity - bytes);
            ByteBuffer chunk = ByteBuffer.allocate(count);
            chunk.put(src.slice().limit(count)).flip();
            src.position(src.position() + count);
            chunks.add(chunk);
            bytes += count;
            needsPump[0] = !pumpQueued;
            pumpQueued = true;
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the loop took every chunk; false when the connection ended first. */
    boolean awaitEmpty(Duration timeout) throws InterruptedIOException, AsynchronousCloseException {
        lock.lock();
        try {
            await(() -> bytes == 0, timeout, "send of the written bytes");
            return bytes == 0;
        } finally {
            lock.unlock();
        }
    }

    // ---- the loop thread

    /** Sends chunks while {@code connection} is writable; true when nothing is left. */
    boolean pump(Connection connection) {
        lock.lock();
        try {
            pumpQueued = false;
            while (!chunks.isEmpty() && connection.isWritable() && connection.send(chunks.peek())) {
                bytes -= chunks.remove().capacity();
            }
            signal();
            return chunks.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** What was not sent is dropped. */
    @Override
    void onEnd() {
        chunks.clear();
    }
}
