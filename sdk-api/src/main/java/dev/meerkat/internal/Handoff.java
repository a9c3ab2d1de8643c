package dev.meerkat.internal;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What both hand-off buffers between the loop thread and a blocking thread share: one lock, one
 * condition, and the two ways waiting stops (the connection ended, or this side closed). The lock
 * is a {@link ReentrantLock}, so a virtual thread waiting here unmounts instead of pinning its carrier.
 */
abstract class Handoff {
    final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    boolean ended;
    private boolean closedLocally;

    /**
     * With the lock held: waits until {@code done} holds or the connection ended, up to
     * {@code timeout} (zero: no limit).
     */
    final void await(BooleanSupplier done, Duration timeout, String what)
            throws InterruptedIOException, AsynchronousCloseException {
        long nanos = timeout.toNanos();
        try {
            while (!done.getAsBoolean() && !ended && !closedLocally) {
                if (timeout.isZero()) {
                    changed.await();
                } else if ((nanos = changed.awaitNanos(nanos)) <= 0) {
                    throw new SocketTimeoutException("no " + what + " within " + timeout.toMillis() + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + what);
        }
        if (closedLocally) {
            throw new AsynchronousCloseException();
        }
    }

    /** With the lock held: wakes the waiting thread to look again. */
    final void signal() {
        changed.signalAll();
    }

    /** The connection ended: the waiting side sees what is left, then the end. */
    final void end() {
        lock.lock();
        try {
            ended = true;
            onEnd();
            signal();
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held, as the connection ends. */
    void onEnd() {
    }

    /** The channel was closed on this side: a waiting thread stops with AsynchronousCloseException. */
    final void closeLocally() {
        lock.lock();
        try {
            closedLocally = true;
            signal();
        } finally {
            lock.unlock();
        }
    }
}
