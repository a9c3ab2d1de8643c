package dev.meerkat.internal;

/**
 * Counts the bytes of I/O buffers a manager's connections hold, so tests can find leaks, and
 * charges them to the memory budget the manager shares with others.
 */
public final class BufferAccount {
    private final SharedBudget budget;
    private long bytes;

    BufferAccount(SharedBudget budget) {
        this.budget = budget;
    }

    /** An account with a budget of its own and no practical cap, for a queue used alone. */
    BufferAccount() {
        this(new SharedBudget(Long.MAX_VALUE));
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
