package dev.meerkat.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A lingering close (nginx's {@code lingering_close}): once our last bytes are out, the output is
 * half-closed and what the peer still sends is read and dropped. Closing a socket whose kernel
 * buffer holds unread input sends a reset, which can destroy our answer at the peer before it read
 * it. Bounded by {@code time} from the half-close, and by {@code timeout} without a byte.
 */
final class LingeringClose {
    /** Reads per service: a peer sending at line rate must not hold the loop. */
    private static final int MAX_READS = 16;

    private final long timeNanos;
    private final long timeoutNanos;
    private boolean halfClosed;
    private long halfClosedAt;
    private long lastInputAt;

    LingeringClose(Duration time, Duration timeout) {
        this.timeNanos = time.toNanos();
        this.timeoutNanos = timeout.toNanos();
    }

    boolean halfClosed() {
        return halfClosed;
    }

    /** Sends our FIN; the peer sees the end of our answer, and the bounds start. */
    void halfClose(SocketChannel channel) throws IOException {
        halfClosed = true;
        halfClosedAt = System.nanoTime();
        lastInputAt = halfClosedAt;
        channel.shutdownOutput();
    }

    /** Reads and drops what arrived; true once the peer ended its side (EOF or reset). */
    boolean discard(SocketChannel channel, ByteBuffer scratch) {
        for (int i = 0; i < MAX_READS; i++) {
            int count;
            try {
                count = channel.read(scratch.clear());
            } catch (IOException e) {
                return true;
            }
            if (count < 0) {
                return true;
            }
            if (count == 0) {
                return false;
            }
            lastInputAt = System.nanoTime();
        }
        return false;
    }

    /** When to give up and close: the earlier of the two bounds. */
    long deadlineNanos() {
        return Math.min(halfClosedAt + timeNanos, lastInputAt + timeoutNanos);
    }
}
