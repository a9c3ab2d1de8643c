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

    /** False while the shared budget is exhausted: connections then stop reading (docs/ARCHITECTURE.md, "The memory budget"). */
    boolean mayRead() {
        return !budget.exhausted();
    }
}
