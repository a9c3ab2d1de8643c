package dev.meerkat.tls.spi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who still needs a context's native objects (an SSL_CTX, parsed keys, SNI contexts): one reference
 * for the context itself and one per open engine, taken and dropped from any thread. The objects are
 * freed once, by whoever drops the last reference. Once that happened the count stays at zero and
 * {@link #acquire()} refuses, so an engine racing the close of its context is never made on freed
 * memory. Shared by both OpenSSL-family providers.
 */
public final class NativeReferences {

    /** References held now by every instance in the process: what leak tests compare with a baseline. */
    private static final AtomicLong LIVE = new AtomicLong();

    private final String owner;
    private final Runnable free;
    private final AtomicInteger count = new AtomicInteger(1);

    /**
     * Starts with the owner's own reference; {@code free} runs when the last one is released.
     *
     * @param owner what holds the native objects, e.g. "openssl TLS context", for error messages
     * @param free  frees the native objects; runs once, on the thread that drops the last reference
     */
    public NativeReferences(String owner, Runnable free) {
        this.owner = owner;
        this.free = free;
        LIVE.incrementAndGet();
    }

    /** {@return the references held now across every context and engine of the process} For leak tests. */
    public static long liveReferences() {
        return LIVE.get();
    }

    /**
     * Takes a reference for a new engine. Any thread.
     *
     * @throws IllegalStateException when the native objects are already freed
     */
    public void acquire() {
        int current;
        do {
            current = count.get();
            if (current == 0) {
                throw new IllegalStateException("expected an open " + owner + " but it was closed");
            }
        } while (!count.compareAndSet(current, current + 1));
        LIVE.incrementAndGet();
    }

    /**
     * Drops one reference; the last frees the native objects. Any thread.
     *
     * @throws IllegalStateException when called more often than references were taken
     */
    public void release() {
        int left = count.decrementAndGet();
        if (left >= 0) {
            LIVE.decrementAndGet();
        }
        if (left == 0) {
            free.run();
        } else if (left < 0) {
            throw new IllegalStateException("expected at most as many releases as references of " + owner
                    + " but there was one more");
        }
    }
}
