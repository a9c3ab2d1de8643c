package dev.meerkat.internal;

import dev.meerkat.Timer;
import java.time.Duration;
import java.util.PriorityQueue;

/** The manager's timers in one queue ordered by due time. Loop thread only. */
final class Timers {
    private static final System.Logger LOG = System.getLogger(Timers.class.getName());
    /** Below this many cancelled entries a purge is not worth its linear pass. */
    private static final int PURGE_THRESHOLD = 64;
    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private int cancelledInQueue;

    /** Schedules {@code action}; a null or zero period fires once. */
    Timer schedule(long nowNanos, Duration delay, Duration period, Runnable action) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("expected a delay >= 0 but was " + delay);
        }
        long periodNanos = period == null ? 0 : period.toNanos();
        if (periodNanos < 0) {
            throw new IllegalArgumentException("expected a period >= 0 but was " + period);
        }
        Entry entry = new Entry(this, nowNanos + delay.toNanos(), periodNanos, action);
        queue.add(entry);
        return entry;
    }

    /** Nanoseconds until the next timer is due (0 when one is due), or -1 when there is none. */
    long nanosUntilNext(long nowNanos) {
        Entry next = peekLive();
        return next == null ? -1 : Math.max(0, next.dueNanos - nowNanos);
    }

    /** Runs every timer due at {@code nowNanos}; repeating ones are scheduled again. */
    void fireDue(long nowNanos) {
        Entry entry;
        while ((entry = peekLive()) != null && entry.dueNanos <= nowNanos) {
            queue.poll();
            entry.queued = false;
            if (entry.periodNanos > 0) {
                // Fixed rate without catching up: a late loop fires once, not once per missed period.
                long next = entry.dueNanos + entry.periodNanos;
                entry.dueNanos = next > nowNanos ? next : nowNanos + entry.periodNanos;
                entry.queued = true;
                queue.add(entry);
            } else {
                entry.cancelled = true;
            }
            try {
                entry.action.run();
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                LOG.log(System.Logger.Level.WARNING, "a timer task failed", e);
            }
        }
    }

    /** Entries in the queue, cancelled ones not yet purged included. */
    int size() {
        return queue.size();
    }

    void clear() {
        queue.forEach(entry -> entry.cancelled = true);
        queue.clear();
        cancelledInQueue = 0;
    }

    private Entry peekLive() {
        Entry head;
        while ((head = queue.peek()) != null && head.cancelled) {
            queue.poll();
            head.queued = false;
            cancelledInQueue--;
        }
        return head;
    }

    /**
     * A cancelled entry would otherwise stay queued until its due time, holding its action (and the
     * connection behind it): a client arming a 30 s read timer per request would keep 30 s of them.
     * Purging once half the queue is cancelled keeps cancel O(1) amortized.
     */
    private void cancelled() {
        cancelledInQueue++;
        if (cancelledInQueue >= PURGE_THRESHOLD && cancelledInQueue * 2 >= queue.size()) {
            queue.removeIf(entry -> entry.cancelled);
            cancelledInQueue = 0;
        }
    }

    static final class Entry implements Timer {
        private final Timers owner;
        private long dueNanos;
        private final long periodNanos;
        private final Runnable action;
        private boolean cancelled;
        private boolean queued = true;

        Entry(Timers owner, long dueNanos, long periodNanos, Runnable action) {
            this.owner = owner;
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
            this.action = action;
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                if (queued) {
                    owner.cancelled();
                }
            }
        }

        boolean isCancelled() {
            return cancelled;
        }
    }
}
