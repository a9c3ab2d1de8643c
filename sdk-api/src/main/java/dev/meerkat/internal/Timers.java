package dev.meerkat.internal;

import dev.meerkat.Timer;
import java.time.Duration;
import java.util.PriorityQueue;

/** The manager's timers in one queue ordered by due time. Loop thread only. */
final class Timers {
    private static final System.Logger LOG = System.getLogger(Timers.class.getName());
    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));

    /** Schedules {@code action}; a null or zero period fires once. */
    Timer schedule(long nowNanos, Duration delay, Duration period, Runnable action) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("expected a delay >= 0 but was " + delay);
        }
        long periodNanos = period == null ? 0 : period.toNanos();
        if (periodNanos < 0) {
            throw new IllegalArgumentException("expected a period >= 0 but was " + period);
        }
        Entry entry = new Entry(nowNanos + delay.toNanos(), periodNanos, action);
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
            if (entry.periodNanos > 0) {
                // Fixed rate without catching up: a late loop fires once, not once per missed period.
                long next = entry.dueNanos + entry.periodNanos;
                entry.dueNanos = next > nowNanos ? next : nowNanos + entry.periodNanos;
                queue.add(entry);
            } else {
                entry.cancelled = true;
            }
            try {
                entry.action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a timer task failed", e);
            }
        }
    }

    void clear() {
        queue.forEach(Entry::cancel);
        queue.clear();
    }

    private Entry peekLive() {
        Entry head;
        while ((head = queue.peek()) != null && head.cancelled) {
            queue.poll();
        }
        return head;
    }

    static final class Entry implements Timer {
        private long dueNanos;
        private final long periodNanos;
        private final Runnable action;
        private boolean cancelled;

        Entry(long dueNanos, long periodNanos, Runnable action) {
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        boolean isCancelled() {
            return cancelled;
        }
    }
}
