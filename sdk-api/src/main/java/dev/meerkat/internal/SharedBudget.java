package dev.meerkat.internal;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters behind {@link dev.meerkat.MemoryBudget}, shared by every loop that uses it, hence
 * atomic. A loop whose reader finds the budget exhausted drops its read interest; the release that
 * brings the count back under the limit wakes the loops, whose next poll re-checks every
 * connection's read interest. Nothing spins while the budget is exhausted.
 */
public final class SharedBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    /** Set when a reader found the budget exhausted: the next release under the limit wakes the loops. */
    private final AtomicBoolean starved = new AtomicBoolean();
    private final Set<Runnable> wakers = new CopyOnWriteArraySet<>();

    public SharedBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("expected a memory budget of at least 1 byte but was " + limit);
        }
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used.get();
    }

    public long peak() {
        return peak.get();
    }

    /** Counts bytes already allocated: an I/O buffer cannot wait, the readers pause instead. */
    public void acquire(long bytes) {
        notePeak(used.addAndGet(bytes));
    }

    /**
     * Counts bytes to be held until a later event (a whole request body) if the count stays within
     * half the limit: the other half keeps I/O moving, so that what is held can complete.
     */
    public boolean tryAcquire(long bytes) {
        long now = used.get();
        while (now + bytes <= limit / 2) {
            if (used.compareAndSet(now, now + bytes)) {
                notePeak(now + bytes);
                return true;
            }
            now = used.get();
        }
        return false;
    }

    public void release(long bytes) {
        if (bytes == 0) {
            // A source handed out whole releases its empty rest once per response: a write to the
            // counter every loop shares, for nothing (no zero release can end a starvation).
            return;
        }
        long now = used.addAndGet(-bytes);
        // The plain read first: every buffer release passes here, a CAS on each would contend across loops.
        if (now < limit && starved.get() && starved.compareAndSet(true, false)) {
            wakers.forEach(Runnable::run);
        }
    }

    private void notePeak(long now) {
        if (now > peak.get()) {
            peak.accumulateAndGet(now, Math::max);
        }
    }

    /** True while connections must not read; a reader that sees it is woken by the next release under the limit. */
    boolean exhausted() {
        if (used.get() < limit) {
            return false;
        }
        starved.set(true);
        // A release between the first check and the flag would not have woken anyone: look again.
        return used.get() >= limit;
    }

    /** {@code waker} runs (on the releasing thread) after the budget was exhausted and has room again. */
    void addWaker(Runnable waker) {
        wakers.add(waker);
    }

    void removeWaker(Runnable waker) {
        wakers.remove(waker);
    }
}
