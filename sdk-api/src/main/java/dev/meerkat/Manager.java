package dev.meerkat;

import java.time.Duration;
import java.util.List;

/**
 * The event loop: one {@link java.nio.channels.Selector}, every connection, every timer. Like
 * Mongoose's {@code mg_mgr}: call {@link #poll} in a loop, or {@link #run()} on a thread. Only
 * {@link #wakeup()}, {@link #execute} and {@link #close()} may be called from other threads.
 *
 * <p>URLs: {@code tcp://host:port}, {@code udp://host:port}, {@code tls://host:port}. Hosts are
 * resolved off the loop thread.
 */
public final class Manager implements AutoCloseable {
    // API skeleton: the core implementation replaces every body below.

    public Manager() { throw new UnsupportedOperationException(); }

    public Connection listen(String url, Handler handler) { return listen(url, Options.defaults(), handler); }

    public Connection listen(String url, Options options, Handler handler) { throw new UnsupportedOperationException(); }

    public Connection connect(String url, Handler handler) { return connect(url, Options.defaults(), handler); }

    public Connection connect(String url, Options options, Handler handler) { throw new UnsupportedOperationException(); }

    /** Waits up to {@code timeoutMillis} for I/O, then dispatches events and due timers once. */
    public void poll(long timeoutMillis) { throw new UnsupportedOperationException(); }

    /** Polls until {@link #close()}. */
    public void run() { throw new UnsupportedOperationException(); }

    /** Thread-safe: makes a blocked {@link #poll} return. */
    public void wakeup() { throw new UnsupportedOperationException(); }

    /** Thread-safe: runs {@code task} on the loop thread at the next poll. */
    public void execute(Runnable task) { throw new UnsupportedOperationException(); }

    /** A manager-level timer; a null period fires once. Loop thread only. */
    public Timer schedule(Duration delay, Duration period, Runnable task) { throw new UnsupportedOperationException(); }

    /** Open connections, listeners included. Loop thread only. */
    public List<Connection> connections() { throw new UnsupportedOperationException(); }

    /** Bytes of I/O buffers currently allocated for all connections (for leak checks). */
    public long bufferedBytes() { throw new UnsupportedOperationException(); }

    /** Closes every connection (each gets Close(LOCAL)) and the selector; releases every buffer. */
    @Override
    public void close() { throw new UnsupportedOperationException(); }
}
