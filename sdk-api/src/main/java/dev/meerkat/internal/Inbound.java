package dev.meerkat.internal;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;

/**
 * Received plaintext on its way from the loop thread to a blocking reader: a bounded ring the loop
 * fills at each Read and the reader empties.
 */
final class Inbound extends Handoff {
    private final byte[] ring;
    private int head;
    private int size;
    /** The loop paused the connection because the ring was full; the reader asks for a resume once. */
    private boolean paused;
    private long taken;

    Inbound(int capacity) {
        this.ring = new byte[capacity];
    }

    // ---- the loop thread

    /** Copies as much of {@code data} as fits (consuming it); true when the ring is now full. */
    boolean offer(ByteBuffer data) {
        lock.lock();
        try {
            while (data.hasRemaining() && size < ring.length) {
                int tail = (head + size) % ring.length;
                int count = Math.min(data.remaining(), Math.min(ring.length - size, ring.length - tail));
                data.get(ring, tail, count);
                size += count;
            }
            signal();
            paused = size == ring.length;
            return paused;
        } finally {
            lock.unlock();
        }
    }

    // ---- the reader's thread

    /**
     * Moves bytes into {@code dst}, waiting up to {@code timeout} (zero: no limit) for the first;
     * -1 once the input ended and every byte was taken.
     */
    int take(ByteBuffer dst, Duration timeout) throws InterruptedIOException, AsynchronousCloseException {
        lock.lock();
        try {
            await(() -> size > 0, timeout, "byte to read");
            if (size == 0) {
                return -1;
            }
            int count = 0;
            while (size > 0 && dst.hasRemaining()) {
                int chunk = Math.min(dst.remaining(), Math.min(size, ring.length - head));
                dst.put(ring, head, chunk);
                head = (head + chunk) % ring.length;
                size -= chunk;
                count += chunk;
            }
            taken += count;
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** True once, when the loop paused reading and the ring has room for half of it again. */
    boolean takeResume() {
        lock.lock();
        try {
            boolean resume = paused && size <= ring.length / 2;
            paused &= !resume;
            return resume;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes the reader took so far. */
    long taken() {
        lock.lock();
        try {
            return taken;
        } finally {
            lock.unlock();
        }
    }
}
