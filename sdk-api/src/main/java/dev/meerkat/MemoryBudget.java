package dev.meerkat;

import dev.meerkat.internal.SharedBudget;

/**
 * A cap on the bytes connections buffer: received and not yet consumed, queued to send, TLS records
 * in flight, and what protocols hold on top of that (a whole HTTP request body). One budget serves
 * any number of {@link Manager}s, so a group of loops shares one cap; every manager made without
 * one shares {@link #processDefault()}. Thread-safe.
 *
 * <p>Above the cap nothing runs out of memory: connections that hold buffered bytes stop reading
 * until bytes are consumed or sent and the count is under the limit again, and {@link #tryAcquire}
 * refuses new held data (an HTTP server answers a request whose body it would buffer with 503). A
 * connection that holds no bytes may still read one buffer, so that a new request is answered while
 * others fill the budget. The cap is therefore soft by about one read buffer per connection.
 *
 * <pre>{@code
 * MemoryBudget budget = MemoryBudget.ofBytes(64L << 20);
 * Manager first = new Manager(budget);
 * Manager second = new Manager(budget); // the two loops share the 64 MiB
 * }</pre>
 */
public final class MemoryBudget {

    /** Made on first use, so the heap size it reads is the running JVM's. */
    private static final class ProcessDefault {
        static final MemoryBudget INSTANCE = ofBytes(defaultLimit(Runtime.getRuntime().maxMemory()));
    }

    private final SharedBudget counter;

    private MemoryBudget(SharedBudget counter) {
        this.counter = counter;
    }

    /**
     * A new budget, shared by every manager given it.
     *
     * @param limit the cap in bytes
     * @return a budget of {@code limit} bytes, none used
     * @throws IllegalArgumentException when {@code limit} is less than 1
     */
    public static MemoryBudget ofBytes(long limit) {
        return new MemoryBudget(new SharedBudget(limit));
    }

    /**
     * The budget of every manager made without one: a quarter of the maximum heap
     * ({@link Runtime#maxMemory()}), made once per process. A quarter, because buffered bytes are
     * not all a server holds: a handler's copy of a body, its own state and the garbage collector's
     * headroom need the rest.
     *
     * @return the process-wide budget
     */
    public static MemoryBudget processDefault() {
        return ProcessDefault.INSTANCE;
    }

    /** A quarter of {@code maxHeap}; without a heap limit ({@link Long#MAX_VALUE}), no practical cap. */
    static long defaultLimit(long maxHeap) {
        return maxHeap == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, maxHeap / 4);
    }

    /** {@return the cap in bytes} */
    public long limit() {
        return counter.limit();
    }

    /** {@return the bytes counted now, in every manager sharing this budget} */
    public long used() {
        return counter.used();
    }

    /** {@return the most bytes ever counted at once} */
    public long peak() {
        return counter.peak();
    }

    /**
     * Counts {@code bytes} a protocol is about to hold until a later event (a whole message), if
     * the count stays within half the limit: the other half keeps I/O moving, so that what is held
     * can complete. Give them back with {@link #release}.
     *
     * @param bytes how many bytes the protocol would hold
     * @return true when they were counted; false when the budget has no room for them: refuse the
     *         work, do not allocate
     */
    public boolean tryAcquire(long bytes) {
        return counter.tryAcquire(bytes);
    }

    /**
     * As {@link #tryAcquire(long)} for {@code bytes} of which up to {@code received} are still counted
     * in the connection's receive buffer, about to move into what is held (a body that arrived in the
     * same read as its head): only the rest must fit, so the answer does not depend on how the peer's
     * bytes were split into reads. All {@code bytes} are counted; the receive buffer gives its share
     * back when it is consumed.
     *
     * @param bytes    how many bytes the protocol would hold
     * @param received how many of them the connection's receive buffer still counts
     * @return true when all {@code bytes} were counted; false when the budget has no room for the
     *         rest, and nothing was counted
     */
    public boolean tryAcquire(long bytes, long received) {
        long inHand = Math.max(0, Math.min(bytes, received));
        if (!counter.tryAcquire(bytes - inHand)) {
            return false;
        }
        counter.acquire(inHand);
        return true;
    }

    /**
     * Counts {@code bytes} a protocol already holds and cannot refuse (a reply queued for a slow
     * client). Never refused: above the limit, connections that hold bytes stop reading instead.
     * Give them back with {@link #release}.
     *
     * @param bytes how many bytes the protocol holds
     */
    public void acquire(long bytes) {
        counter.acquire(bytes);
    }

    /**
     * Gives back bytes counted by {@link #tryAcquire} or {@link #acquire}; paused readers resume
     * when the count falls under the limit.
     *
     * @param bytes how many bytes to give back: no more than were counted
     */
    public void release(long bytes) {
        counter.release(bytes);
    }

    SharedBudget counter() {
        return counter;
    }

    @Override
    public String toString() {
        return "MemoryBudget[" + used() + " of " + limit() + " bytes]";
    }
}
