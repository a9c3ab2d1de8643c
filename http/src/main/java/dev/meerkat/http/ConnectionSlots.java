package dev.meerkat.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections a server holds against {@link HttpServerOptions#maxConnections()}; the servers of
 * an {@link HttpServerGroup} share one, so the limit is the group's, on whichever loop each
 * connection lives. Thread-safe.
 */
final class ConnectionSlots {
    private final AtomicInteger taken = new AtomicInteger();

    /** Takes a slot unless {@code limit} are taken. */
    boolean tryTake(int limit) {
        int now;
        do {
            now = taken.get();
            if (now >= limit) {
                return false;
            }
        } while (!taken.compareAndSet(now, now + 1));
        return true;
    }

    void release() {
        taken.decrementAndGet();
    }

    int taken() {
        return taken.get();
    }
}
