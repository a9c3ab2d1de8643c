package dev.meerkat.internal;

import java.nio.ByteBuffer;

/**
 * Counts the bytes of I/O buffers a manager's connections hold, so tests can find leaks, and
 * charges them to the memory budget the manager shares with others. Buffers come from and go back
 * to the loop's {@link BufferPool} through {@link #take} and {@link #give}, which count them, so a
 * spare in the pool is never charged and a buffer in use always is.
 */
public final class BufferAccount {
    /** Spare bytes kept per buffer size: 888 KiB per loop at most, heap and direct ({@link BufferPool#mostPooled}). */
    static final int POOLED_PER_SIZE = 64 * 1024;

    private final SharedBudget budget;
    private final BufferPool pool = new BufferPool(POOLED_PER_SIZE);
    private long bytes;

    BufferAccount(SharedBudget budget) {
        this.budget = budget;
    }

    /** An account with a budget of its own and no practical cap, for a queue used alone. */
    BufferAccount() {
        this(new SharedBudget(Long.MAX_VALUE));
    }

    /** A buffer of at least {@code minimum} bytes for one owner, charged until {@link #give}. */
    ByteBuffer take(int minimum, boolean direct) {
        ByteBuffer buffer = pool.take(minimum, direct);
        allocated(buffer.capacity());
        return buffer;
    }

    /** Ends the charge for a buffer from {@link #take}; the caller must not touch it again. */
    void give(ByteBuffer buffer) {
        released(buffer.capacity());
        pool.give(buffer);
    }

    /** Bytes of spare buffers the pool keeps, charged to no one. */
    long pooledBytes() {
        return pool.pooledBytes();
    }

    /** Buffers the pool had to allocate so far (no spare fitted). */
    long buffersMade() {
        return pool.made();
    }

    void allocated(int capacity) {
        bytes += capacity;
        budget.acquire(capacity);
    }

    void released(int capacity) {
        bytes -= capacity;
        budget.release(capacity);
    }

    public long bytes() {
        return bytes;
    }

    /**
     * How many of {@code room} bytes a connection may read now. While the shared budget is
     * exhausted a connection that holds bytes reads nothing, and one that holds none reads at most
     * {@code floor} (one read buffer, one TLS record): a new request is still answered, and the cap
     * stays soft by one read per connection (docs/ARCHITECTURE.md, "The memory budget").
     */
    int readAllowance(int room, boolean holdsBytes, int floor) {
        if (!budget.exhausted()) {
            return room;
        }
        return holdsBytes ? 0 : Math.max(0, Math.min(room, floor));
    }
}
