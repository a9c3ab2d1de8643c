package dev.meerkat.http;

import dev.meerkat.MemoryBudget;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A body held whole (a request body for {@link HttpEvent.Message}, a response body for
 * {@link HttpClient#send(HttpClientRequest)}), its bytes counted in the manager's
 * {@link MemoryBudget} until {@link #release()}. A declared length is counted and allocated at once,
 * so the body is never copied; a chunked body grows by doubling, each step counted before it is made.
 */
final class BodyBuffer {
    private static final int FIRST_CHUNKED_CAPACITY = 8 * 1024;
    /** The largest body a buffer holds: the largest array the JVM reliably allocates. */
    static final int MAX_BODY = Integer.MAX_VALUE - 8;

    private final MemoryBudget budget;
    private final int limit;
    private byte[] bytes;
    private int size;

    private BodyBuffer(MemoryBudget budget, int limit, byte[] bytes) {
        this.budget = budget;
        this.limit = limit;
        this.bytes = bytes;
    }

    /**
     * A buffer for a body of {@code length} bytes (-1 when chunked) of at most {@code limit}
     * ({@link #MAX_BODY} at most), or null when the budget has no room for it; {@code received}:
     * bytes already read with the head, counted in the receive buffer ({@link MemoryBudget#tryAcquire(long, long)}).
     */
    static BodyBuffer tryAllocate(MemoryBudget budget, long length, long limit, int received) {
        int max = (int) Math.min(limit, MAX_BODY);
        int capacity = length >= 0 ? (int) Math.min(length, max) : Math.min(max, FIRST_CHUNKED_CAPACITY);
        if (!budget.tryAcquire(capacity, received)) {
            return null;
        }
        return new BodyBuffer(budget, max, new byte[capacity]);
    }

    int size() {
        return size;
    }

    /** Appends {@code data}, within the limit checked by the caller; false when the budget refused the room. */
    boolean append(ByteBuffer data) {
        int needed = size + data.remaining();
        if (needed > bytes.length && !grow(needed)) {
            return false;
        }
        data.duplicate().get(bytes, size, data.remaining());
        size = needed;
        return true;
    }

    private boolean grow(int needed) {
        int capacity = (int) Math.min(limit, Math.max(needed, 2L * bytes.length));
        if (!budget.tryAcquire(capacity - bytes.length)) {
            return false;
        }
        bytes = Arrays.copyOf(bytes, capacity);
        return true;
    }

    /** The body: the buffer itself when it is full (a declared length), else a copy of its bytes. */
    byte[] bytes() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    /** Gives the bytes back to the budget; once only. */
    void release() {
        budget.release(bytes.length);
        bytes = null;
    }
}
