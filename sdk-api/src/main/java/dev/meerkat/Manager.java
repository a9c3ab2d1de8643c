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

    /**
     * A manager that shares {@link MemoryBudget#processDefault()} with every other manager made so.
     * It opens its selector now; nothing runs until it is polled, run or started.
     *
     * @throws java.io.UncheckedIOException when the selector cannot be opened
     */
    public Manager() {
        this(MemoryBudget.processDefault());
    }

    /**
     * A manager whose connections' buffers count against {@code budget}, which other managers may
     * share.
     *
     * @param budget the cap on the bytes this manager's connections buffer
     * @throws java.io.UncheckedIOException when the selector cannot be opened
     */
    public Manager(MemoryBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.loop = new Loop(this, Connection::new, budget.counter());
    }

    /**
     * Binds a listener with {@link Options#defaults()}; see {@link #listen(String, Options, Handler)}.
     *
     * @param url     where to listen: {@code tcp://host:port} or {@code udp://host:port}
     * @param handler gets the listener's events and those of every connection it accepts
     * @return the listener, already bound
     * @throws java.io.UncheckedIOException when the address cannot be bound
     * @throws IllegalArgumentException     for a malformed URL, or {@code tls://} (it needs options)
     * @throws IllegalStateException        off the loop thread, or when the manager is closed
     */
    public Connection listen(String url, Handler handler) { return listen(url, Options.defaults(), handler); }

    /**
     * Binds a TCP or UDP listener and fires its Open event. {@code tls://} needs {@link Options#tls()}.
     * Accepted connections get {@code options} and {@code handler} too.
     *
     * @param url     where to listen: {@code tcp://}, {@code tls://} or {@code udp://host:port}; port
     *                0 binds a free port
     * @param options the settings of the listener and of every connection it accepts
     * @param handler gets the listener's events and those of every connection it accepts
     * @return the listener, already bound
     * @throws java.io.UncheckedIOException when the address cannot be bound
     * @throws IllegalArgumentException     for a malformed URL, or {@code tls://} without a server
     *                                      context in {@code options}
     * @throws IllegalStateException        off the loop thread, or when the manager is closed
     */
    public Connection listen(String url, Options options, Handler handler) {
        return loop.listen(url, options, handler);
    }

    /**
     * Thread-safe {@link #listen(String, Options, Handler)}: the future holds the bound listener, or
     * fails with what listen threw. Like every future here it completes on the loop thread.
     *
     * @param url     where to listen, as for {@link #listen(String, Options, Handler)}
     * @param options the settings of the listener and of every connection it accepts
     * @param handler gets the listener's events and those of every connection it accepts
     * @return a future of the bound listener
     */
    public CompletableFuture<Connection> listenAsync(String url, Options options, Handler handler) {
        return submit(() -> listen(url, options, handler));
    }

    /**
     * Starts a connect with {@link Options#defaults()}; see {@link #connect(String, Options, Handler)}.
     *
     * @param url     the peer: {@code tcp://}, {@code tls://} or {@code udp://host:port}
     * @param handler gets the connection's events
     * @return the connection, not yet connected
     * @throws IllegalArgumentException for a malformed URL
     * @throws IllegalStateException    off the loop thread, or when the manager is closed
     */
    public Connection connect(String url, Handler handler) { return connect(url, Options.defaults(), handler); }

    /**
     * Starts a connect and fires Open before returning; Resolve (also for IP literals, which skip
     * the resolver thread), Connect and TlsHandshake follow from later polls. Failures arrive as
     * Error then Close(ERROR), the cause naming the address. {@code tls://} without
     * {@link Options#tls()} uses a default client context from {@link dev.meerkat.tls.TlsProviders}.
     *
     * @param url     the peer: {@code tcp://}, {@code tls://} or {@code udp://host:port}
     * @param options the connection's settings
     * @param handler gets the connection's events
     * @return the connection, not yet connected
     * @throws IllegalArgumentException for a malformed URL
     * @throws IllegalStateException    off the loop thread, or when the manager is closed
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
     *
     * @param url     the peer, as for {@link #connect(String, Options, Handler)}
     * @param options the connection's settings
     * @param handler gets the connection's events
     * @return a future of the connection, ready for data
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
     * @return this manager
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
     *
     * @param <T>  the task's result type
     * @param task what to run on the loop thread
     * @return a future of the task's result
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        return SubmittedTask.submit(loop, task);
    }

    /**
     * Thread-safe {@link #submit(Callable)} of a task with no result.
     *
     * @param task what to run on the loop thread
     * @return a future completed with null when the task ran, or with what it threw
     */
    public CompletableFuture<Void> submit(Runnable task) {
        return submit(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Runs queued tasks, waits up to {@code timeoutMillis} for I/O (less when a timer or a timeout
     * is due sooner), dispatches I/O events, fires due timers, then gives every connection its Poll
     * event, checks its timeouts and finishes its close when due. What a handler throws fails only
     * its connection; a fatal error ({@link VirtualMachineError} but a stack overflow) stops the
     * manager and is rethrown.
     *
     * @param timeoutMillis the longest wait for I/O, in milliseconds; 0 or less does not wait
     * @throws IllegalStateException on another thread than the one running the loop, or when the
     *                               manager is closed or stopped on a fatal error
     */
    public void poll(long timeoutMillis) { loop.poll(timeoutMillis); }

    /**
     * Polls until {@link #close()}, then closes everything on this thread. See also {@link #start()}.
     *
     * @throws IllegalStateException when the manager is closed or stopped on a fatal error
     */
    public void run() { loop.run(); }

    /** Thread-safe: makes a blocked {@link #poll} return. */
    public void wakeup() { loop.wakeup(); }

    /**
     * Thread-safe: runs {@code task} on the loop thread at the next poll. On a closed manager the
     * task never runs.
     *
     * @param task what to run; what it throws is logged
     */
    public void execute(Runnable task) { loop.execute(task); }

    /**
     * A manager-level timer; a null period fires once. Loop thread only. A repeating timer runs at
     * a fixed rate; a late loop fires it once, not once per missed period.
     *
     * @param delay  time until the first run
     * @param period time between later runs, or null to run once
     * @param task   what to run; what it throws is logged, and a repeating timer goes on
     * @return the timer, to cancel it
     * @throws IllegalArgumentException when {@code delay} or {@code period} is negative
     * @throws IllegalStateException    on another thread than the one running the loop
     */
    public Timer schedule(Duration delay, @Nullable Duration period, Runnable task) { return loop.schedule(delay, period, task); }

    /** {@return a new list of the open connections, listeners included} Loop thread only. */
    public List<Connection> connections() { return loop.connections(); }

    /**
     * {@return the bytes of I/O buffers currently allocated for this manager's connections} For leak
     * checks; any thread.
     */
    public long bufferedBytes() { return loop.bufferedBytes(); }

    /**
     * Sets the listener that observes every TCP connection of this manager (see {@link EventListener}
     * for the calls and their order); returns this manager. Thread-safe; connections already open
     * report to the new listener from then on.
     *
     * @param listener the new listener; {@link EventListener#NONE} to stop observing
     * @return this manager
     */
    public Manager eventListener(EventListener listener) {
        loop.observer().listener(listener);
        return this;
    }

    /**
     * The listener set, guarded: what it throws is logged and ignored. Protocol layers (meerkat-http)
     * report requests and responses through it. Loop thread only, as the listener's calls are.
     *
     * @return the guarded listener, which forwards to the one set at the time of each call
     */
    public EventListener eventListener() {
        return loop.observer();
    }

    /** The loop, for {@link LoopGroup}. */
    Loop loop() { return loop; }

    /** {@return the budget this manager's buffers count against, shared with the other managers given it} */
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
