package dev.meerkat;

import dev.meerkat.internal.Loop;
import dev.meerkat.internal.SubmittedTask;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The event loop: one {@link java.nio.channels.Selector}, every connection, every timer. Like
 * Mongoose's {@code mg_mgr}: call {@link #poll} in a loop, {@link #run()} on a thread of your own,
 * or {@link #start()} to have the manager run its own thread.
 *
 * <p><b>Threads.</b> {@link #wakeup()}, {@link #execute}, {@link #submit}, the {@code ...Async}
 * methods, {@link Connection#sendAsync} and {@link #close()} may be called from any thread; while
 * the loop runs on a thread, the other methods (and every {@link Connection} method) throw when
 * called from another thread. Without {@link #run()} or {@link #start()}, close the manager on the
 * thread that polls it.
 *
 * <pre>{@code
 * try (Manager mgr = new Manager().start()) {
 *     Connection c = mgr.connectAsync("tls://example.com:443", Options.defaults(), handler).get();
 *     c.sendAsync("hello".getBytes(StandardCharsets.UTF_8));   // from this thread, safely
 * }
 * }</pre>
 *
 * <p>URLs: {@code tcp://host:port}, {@code udp://host:port}, {@code tls://host:port}; IPv6
 * literals in brackets ({@code tcp://[::1]:8080}). Host names are resolved off the loop thread.
 * Listening on port 0 binds a free port: read it from {@link Connection#localAddress()}.
 *
 * <p>Every buffer a connection holds counts against a {@link MemoryBudget}, which managers share:
 * give one to the constructor for a group of loops; without one, the process-wide default.
 */
public final class Manager implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
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

    /**
     * Thread-safe {@link #listen(String, Options, Handler)}: the future holds the bound listener, or
     * fails with what listen threw. Like every future here it completes on the loop thread.
     */
    public CompletableFuture<Connection> listenAsync(String url, Options options, Handler handler) {
        return submit(() -> listen(url, options, handler));
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
     * Thread-safe {@link #connect(String, Options, Handler)}: {@code handler} gets every event as
     * usual, and the future completes when the connection is ready for data (after Connect on TCP
     * and UDP, after TlsHandshake on TLS), or fails with the cause of a Close that came first. It
     * completes on the loop thread, inside that event: a stage added to it runs there too (it may
     * use the connection, and must not block).
     */
    public CompletableFuture<Connection> connectAsync(String url, Options options, Handler handler) {
        Establishing establishing = new Establishing(handler);
        submit(() -> connect(url, options, establishing)).whenComplete(establishing::started);
        return establishing.established();
    }

    /**
     * Runs the loop on a new thread named {@code meerkat-loop-N}, until {@link #close()}; returns this
     * manager. The thread is not a daemon: a server started so keeps the JVM alive, as a server
     * socket's accepting thread would; close the manager to let the JVM exit.
     *
     * @throws IllegalStateException when the loop already runs or the manager is closed
     */
    public Manager start() {
        loop.start("meerkat-loop-" + THREADS.incrementAndGet());
        return this;
    }

    /**
     * Thread-safe: runs {@code task} on the loop thread at the next poll; the future completes there
     * with its result or what it threw, or fails with a {@link java.util.concurrent.RejectedExecutionException}
     * when the manager closes first. From the loop thread itself, do not wait on the future: the task
     * runs only after the current event returns.
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        return SubmittedTask.submit(loop, task);
    }

    /** Thread-safe {@link #submit(Callable)} of a task with no result. */
    public CompletableFuture<Void> submit(Runnable task) {
        return submit(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Runs queued tasks, waits up to {@code timeoutMillis} for I/O (less when a timer or a timeout
     * is due sooner), dispatches I/O events, fires due timers, then gives every connection its Poll
     * event, checks its timeouts and finishes its close when due.
     */
    public void poll(long timeoutMillis) { loop.poll(timeoutMillis); }

    /** Polls until {@link #close()}, then closes everything on this thread. See also {@link #start()}. */
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

    /**
     * Sets the listener that observes every TCP connection of this manager (see {@link EventListener}
     * for the calls and their order); returns this manager. Thread-safe; connections already open
     * report to the new listener from then on.
     */
    public Manager eventListener(EventListener listener) {
        loop.observer().listener(listener);
        return this;
    }

    /**
     * The listener set, guarded: what it throws is logged and ignored. Protocol layers (meerkat-http)
     * report requests and responses through it. Loop thread only, as the listener's calls are.
     */
    public EventListener eventListener() {
        return loop.observer();
    }

    /** The loop, for {@link LoopGroup}. */
    Loop loop() { return loop; }

    /** The budget this manager's buffers count against, shared with the other managers given it. */
    public MemoryBudget memoryBudget() { return budget; }

    /**
     * Closes every connection (each gets Close(LOCAL), or the reason already decided for one that
     * was flushing before its close) and the selector; releases every buffer. From another thread
     * while the loop runs ({@link #run()} or {@link #start()}), it makes the loop close everything
     * and waits for its thread to stop, at most 10 seconds (a handler that never returns is logged,
     * not waited for). Tasks still queued never run: their {@link #submit} futures fail. Idempotent.
     */
    @Override
    public void close() { loop.close(); }
}
