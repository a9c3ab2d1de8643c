package dev.meerkat;

import dev.meerkat.internal.Loop;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The event loop: one {@link java.nio.channels.Selector}, every connection, every timer. Like
 * Mongoose's {@code mg_mgr}: call {@link #poll} in a loop, or {@link #run()} on a thread. Only
 * {@link #wakeup()}, {@link #execute} and {@link #close()} may be called from other threads; while
 * {@link #run()} runs, the other methods (and every {@link Connection} method) throw when called
 * from another thread. Without {@link #run()}, close the manager on the thread that polls it.
 *
 * <p>URLs: {@code tcp://host:port}, {@code udp://host:port}, {@code tls://host:port}; IPv6
 * literals in brackets ({@code tcp://[::1]:8080}). Host names are resolved off the loop thread.
 * Listening on port 0 binds a free port: read it from {@link Connection#localAddress()}.
 *
 * <p>Every buffer a connection holds counts against a {@link MemoryBudget}, which managers share:
 * give one to the constructor for a group of loops; without one, the process-wide default.
 */
public final class Manager implements AutoCloseable {
    private final Loop loop;
    private final MemoryBudget budget;

    /** A manager that shares {@link MemoryBudget#processDefault()} with every other manager made so. */
    public Manager() {
        this(MemoryBudget.processDefault());
    }

    /** A manager whose connections' buffers count against {@code budget}, which other managers may share. */
    public Manager(MemoryBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.loop = new Loop(this, Connection::new, budget.counter());
    }

    public Connection listen(String url, Handler handler) { return listen(url, Options.defaults(), handler); }

    /**
     * Binds a TCP or UDP listener and fires its Open event. {@code tls://} needs {@link Options#tls()}.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound
     * @throws IllegalArgumentException     for a malformed URL
     */
    public Connection listen(String url, Options options, Handler handler) {
        return loop.listen(url, options, handler);
    }

    public Connection connect(String url, Handler handler) { return connect(url, Options.defaults(), handler); }

    /**
     * Starts a connect and fires Open before returning; Resolve (also for IP literals, which skip
     * the resolver thread), Connect and TlsHandshake follow from later polls. Failures arrive as
     * Error then Close(ERROR), the cause naming the address. {@code tls://} without
     * {@link Options#tls()} uses a default client context from {@link dev.meerkat.tls.TlsProviders}.
     */
    public Connection connect(String url, Options options, Handler handler) {
        return loop.connect(url, options, handler);
    }

    /**
     * Runs queued tasks, waits up to {@code timeoutMillis} for I/O (less when a timer or a timeout
     * is due sooner), dispatches I/O events, fires due timers, then gives every connection its Poll
     * event, checks its timeouts and finishes its close when due.
     */
    public void poll(long timeoutMillis) { loop.poll(timeoutMillis); }

    /** Polls until {@link #close()}, then closes everything on this thread. */
    public void run() { loop.run(); }

    /** Thread-safe: makes a blocked {@link #poll} return. */
    public void wakeup() { loop.wakeup(); }

    /** Thread-safe: runs {@code task} on the loop thread at the next poll. */
    public void execute(Runnable task) { loop.execute(task); }

    /** A manager-level timer; a null period fires once. Loop thread only. */
    public Timer schedule(Duration delay, @Nullable Duration period, Runnable task) { return loop.schedule(delay, period, task); }

    /** Open connections, listeners included. Loop thread only. */
    public List<Connection> connections() { return loop.connections(); }

    /** Bytes of I/O buffers currently allocated for this manager's connections (for leak checks). */
    public long bufferedBytes() { return loop.bufferedBytes(); }

    /** The budget this manager's buffers count against, shared with the other managers given it. */
    public MemoryBudget memoryBudget() { return budget; }

    /**
     * Closes every connection (each gets Close(LOCAL), or the reason already decided for one that
     * was flushing before its close) and the selector; releases every buffer. From another thread
     * while {@link #run()} runs, it makes run() close everything and waits for it. Idempotent.
     */
    @Override
    public void close() { loop.close(); }
}
