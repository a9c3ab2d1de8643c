package dev.meerkat.internal;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.Timer;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The implementation behind {@link Manager}: one selector, the connections, the timers and the
 * task queue. {@link #poll} is Mongoose's {@code mg_mgr_poll}.
 */
public final class Loop {
    private static final System.Logger LOG = System.getLogger(Loop.class.getName());
    private static final long RUN_POLL_MILLIS = 1000;
    /** How long close() from another thread waits for the loop thread: a handler that never returns must not hang it. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Manager manager;
    private final Function<Conn, Connection> facades;
    private final Selector selector;
    private final List<Conn> conns = new ArrayList<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Timers timers = new Timers();
    private final Observer observer = new Observer();
    private final BufferAccount account;
    private final SharedBudget budget;
    private final Runnable budgetWaker;
    /** Every socket read of this loop's connections lands here first (see ByteQueue#readFrom). */
    private final ByteBuffer readScratch = ByteBuffer.allocateDirect(ByteQueue.READ_CHUNK);
    private long lastId;
    /** The last Poll fired; immutable, so iterations within one millisecond share it. */
    private Event.Poll lastPoll = new Event.Poll(Long.MIN_VALUE);
    private boolean serviceRequested;
    private boolean polling;
    /** Volatile: {@link #execute} reads it on other threads to turn away tasks that would never run. */
    private volatile boolean closed;
    private TlsContext defaultClientContext;
    private volatile boolean closeRequested;
    /** The VirtualMachineError that stopped the loop, or null. */
    private volatile Throwable fatal;
    private volatile Thread runThread;
    /** The thread {@link #start} made: close() waits for it to end, not only for run() to return. */
    private volatile Thread ownThread;
    private final CountDownLatch runExited = new CountDownLatch(1);
    /** Completes when {@link #run} returns, exceptionally with what stopped it (a group stops its other loops then). */
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    public Loop(Manager manager, Function<Conn, Connection> facades, SharedBudget budget) {
        this.manager = manager;
        this.facades = facades;
        this.account = new BufferAccount(budget);
        this.budget = budget;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector: " + e.getMessage(), e);
        }
        // A wakeup ends the select; the poll's service pass then re-checks every connection's read interest.
        this.budgetWaker = selector::wakeup;
        budget.addWaker(budgetWaker);
    }

    // ---- listen and connect

    public Connection listen(String url, Options options, Handler handler) {
        Endpoint endpoint = listenable(url, options);
        Conn listener;
        try {
            listener = endpoint.isUdp() ? DatagramConn.listen(this, endpoint, options, handler)
                    : ListenerConn.open(this, new InetSocketAddress(endpoint.host(), endpoint.port()), false, options, handler);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + endpoint + ": " + e.getMessage(), e);
        }
        return opened(listener);
    }

    /**
     * A TCP listener of a loop group: on {@code port} (the port the group's first listener got) or,
     * when it is 0, the URL's; with {@code reusePort}, bound with SO_REUSEPORT beside the others.
     */
    public Connection listenTcp(String url, int port, boolean reusePort, Options options, Handler handler) {
        Endpoint endpoint = listenable(url, options);
        if (endpoint.isUdp()) {
            throw new IllegalArgumentException("a loop group listens on tcp:// or tls:// but was " + url);
        }
        InetSocketAddress address = new InetSocketAddress(endpoint.host(), port == 0 ? endpoint.port() : port);
        try {
            if (reusePort && port == 0 && endpoint.port() != 0) {
                ListenerConn.requireFree(address);
            }
            return opened(ListenerConn.open(this, address, reusePort, options, handler));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + (reusePort ? " with SO_REUSEPORT: " : ": ")
                    + e.getMessage(), e);
        }
    }

    /** One loop's listener of a group without a socket: the acceptor on another loop hands it connections. */
    public Connection listenFed(InetSocketAddress address, Options options, Handler handler) {
        checkThread();
        checkOpen();
        return opened(ListenerConn.fed(this, address, options, handler));
    }

    /** Makes {@code acceptor}, a listener of this loop, hand its connections to {@code listeners} in turn. */
    public void spread(Conn acceptor, List<Conn> listeners) {
        checkThread();
        List<ListenerConn> targets = new ArrayList<>(listeners.size());
        for (Conn listener : listeners) {
            targets.add((ListenerConn) listener);
        }
        ((ListenerConn) acceptor).spreadOver(targets);
    }

    private Endpoint listenable(String url, Options options) {
        checkThread();
        checkOpen();
        Endpoint endpoint = Endpoint.parse(url);
        if (endpoint.isTls() && options.tls() == null) {
            throw new IllegalArgumentException("listening on " + url + " needs a server TLS context: Options.withTls");
        }
        return endpoint;
    }

    private Connection opened(Conn listener) {
        listener.fire(new Event.Open());
        return listener.facade();
    }

    public Connection connect(String url, Options options, Handler handler) {
        checkThread();
        checkOpen();
        Endpoint endpoint = Endpoint.parse(url);
        Conn conn;
        Consumer<InetSocketAddress> connectTo;
        if (endpoint.isUdp()) {
            DatagramConn udp = DatagramConn.connecting(this, options, handler);
            conn = udp;
            connectTo = udp::connectTo;
        } else {
            StreamConn tcp = StreamConn.connecting(this, endpoint, options, handler);
            conn = tcp;
            connectTo = tcp::connectTo;
        }
        list(conn);
        conn.fire(new Event.Open());
        Resolver.resolve(this, endpoint.host(), address -> {
            if (!conn.isAbandoned()) {
                InetSocketAddress resolved = new InetSocketAddress(address, endpoint.port());
                conn.fire(new Event.Resolve(resolved));
                try {
                    connectTo.accept(resolved);
                } catch (Throwable e) {
                    Failures.rethrowIfFatal(e);
                    conn.failedInternally(e);
                }
            }
        }, e -> conn.fail(conn.failure("cannot resolve " + endpoint.host(), e)));
        return conn.facade();
    }

    // ---- the loop

    /**
     * One iteration, like mg_mgr_poll: tasks, select, I/O, timers, then every connection once. A
     * fatal error (see {@link Failures}) stops the loop for good and is thrown on.
     */
    public void poll(long timeoutMillis) {
        checkThread();
        checkOpen();
        polling = true;
        try {
            runTasks();
            select(timeoutMillis);
            long now = System.nanoTime();
            timers.fireDue(now);
            serviceConnections(now);
        } catch (Throwable e) {
            if (Failures.isFatal(e)) {
                stopLoudly(e);
            }
            throw e;
        } finally {
            polling = false;
            if (closeRequested) {
                closeNow();
            }
        }
    }

    /**
     * Runs {@link #run} on a new thread named {@code name}. The thread is the loop's before it
     * starts, so a call from the starting thread right after this already counts as another thread's.
     */
    public Thread start(String name) {
        checkOpen();
        if (runThread != null) {
            throw new IllegalStateException("the manager already runs on " + runThread.getName());
        }
        Thread thread = new Thread(this::run, name);
        runThread = thread;
        ownThread = thread;
        thread.start();
        return thread;
    }

    public void run() {
        runThread = Thread.currentThread();
        Throwable failure = null;
        try {
            while (!closeRequested && !closed) {
                poll(RUN_POLL_MILLIS);
            }
        } catch (Throwable e) {
            failure = e;
            throw e;
        } finally {
            closeNow();
            runThread = null;
            runExited.countDown();
            if (failure == null) {
                stopped.complete(null);
            } else {
                stopped.completeExceptionally(failure);
            }
        }
    }

    /** Completes when {@link #run} returned; exceptionally with what it threw. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    private void runTasks() {
        for (int i = tasks.size(); i > 0; i--) {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                LOG.log(Level.WARNING, "a task given to Manager.execute failed", e);
            }
        }
    }

    private void select(long timeoutMillis) {
        try {
            long waitMillis = waitMillis(timeoutMillis);
            if (waitMillis == 0) {
                selector.selectNow();
            } else {
                selector.select(waitMillis);
            }
            dispatchReady();
        } catch (IOException e) {
            throw new UncheckedIOException("select failed: " + e.getMessage(), e);
        }
    }

    /** The caller's timeout, bounded by the next timer and the next connection timeout. */
    private long waitMillis(long timeoutMillis) {
        if (!tasks.isEmpty() || serviceRequested || timeoutMillis <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        long waitNanos = Math.min(timeoutMillis, Long.MAX_VALUE / 1_000_000) * 1_000_000;
        long timer = timers.nanosUntilNext(now);
        if (timer >= 0) {
            waitNanos = Math.min(waitNanos, timer);
        }
        for (Conn conn : conns) {
            waitNanos = Math.min(waitNanos, Math.max(0, conn.deadlineNanos() - now));
        }
        // Round up: waking a little late is fine, waking early spins through an empty poll.
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999) / 1_000_000);
    }

    private void dispatchReady() {
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            Conn conn = (Conn) key.attachment();
            if (key.isValid() && !conn.isClosed()) {
                try {
                    conn.onReady(key.readyOps());
                } catch (Throwable e) {
                    Failures.rethrowIfFatal(e);
                    conn.failedInternally(e);
                }
            }
        }
    }

    private void serviceConnections(long now) {
        serviceRequested = false;
        // One immutable Poll for every connection, and for every iteration of the same millisecond:
        // a busy loop allocates none per connection or per request.
        long millis = System.currentTimeMillis();
        if (lastPoll.nowMillis() != millis) {
            lastPoll = new Event.Poll(millis);
        }
        Event.Poll poll = lastPoll;
        for (int i = 0, n = conns.size(); i < n; i++) {
            Conn conn = conns.get(i);
            conn.fire(poll);
            conn.checkTimeouts(now);
            try {
                conn.service();
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                conn.failedInternally(e);
            }
        }
        if (conns.removeIf(Conn::isClosed)) {
            releaseClosedDescriptors();
        }
    }

    /**
     * A closed channel keeps its file descriptor until the selector deregisters its cancelled key,
     * which happens in the next select: do it now so descriptors come back at once. Keys it finds
     * ready stay in the selected set for the next dispatch.
     */
    private void releaseClosedDescriptors() {
        try {
            selector.selectNow();
        } catch (IOException e) {
            throw new UncheckedIOException("select failed: " + e.getMessage(), e);
        }
    }

    // ---- thread-safe entries

    public void wakeup() {
        selector.wakeup();
    }

    public void execute(Runnable task) {
        tasks.add(task);
        if (closed) {
            abandonTasks();
        } else if (Thread.currentThread() != runThread) {
            // On the loop thread the next select sees the queued task and does not wait (waitMillis):
            // a wakeup would only cost a pipe write and read, three syscalls per client connect.
            selector.wakeup();
        }
    }

    /** Tasks that will never run: a submitted one fails its future, so no caller waits forever. */
    private void abandonTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            if (task instanceof SubmittedTask<?> submitted) {
                submitted.abandon();
            }
        }
    }

    // ---- timers, connections, accounting

    public Timer schedule(Duration delay, Duration period, Runnable task) {
        checkThread();
        return timers.schedule(System.nanoTime(), delay, period, task);
    }

    public List<Connection> connections() {
        List<Connection> open = new ArrayList<>(conns.size());
        for (Conn conn : conns) {
            if (!conn.isClosed()) {
                open.add(conn.facade());
            }
        }
        return open;
    }

    public long bufferedBytes() {
        return account.bytes();
    }

    // ---- closing

    public void close() {
        Thread loopThread = runThread;
        if (loopThread != null && loopThread != Thread.currentThread()) {
            closeRequested = true;
            selector.wakeup();
            awaitRunExit();
            return;
        }
        closeRequested = true;
        if (!polling) {
            // Inside a poll (a handler closed the manager) the poll closes everything when it ends.
            closeNow();
        }
    }

    private void awaitRunExit() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            boolean exited = runExited.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Thread own = ownThread;
            if (exited && own != null) {
                own.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                exited = !own.isAlive();
            }
            if (!exited) {
                LOG.log(Level.WARNING, () -> "the manager's thread did not stop within " + CLOSE_WAIT.toMillis()
                        + " ms of close(): a handler or task still runs on it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A fatal error left the loop unusable: every connection closes with ERROR carrying it, then
     * the manager closes. Never a loop that holds its port and answers nothing.
     */
    private void stopLoudly(Throwable error) {
        fatal = error;
        LOG.log(Level.ERROR, "the manager's loop stopped on a fatal error; every connection closes", error);
        for (Conn conn : new ArrayList<>(conns)) {
            try {
                conn.fail(error);
                conn.finish();
            } catch (Throwable again) {
                error.addSuppressed(again);
            }
        }
        closeNow();
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        for (Conn conn : new ArrayList<>(conns)) {
            conn.closeNow();
        }
        conns.clear();
        timers.clear();
        abandonTasks();
        budget.removeWaker(budgetWaker);
        closeQuietly(selector);
        if (defaultClientContext != null) {
            defaultClientContext.close();
        }
        LOG.log(Level.DEBUG, "manager closed");
    }

    // ---- for connections

    Manager manager() {
        return manager;
    }

    public Observer observer() {
        return observer;
    }

    BufferAccount account() {
        return account;
    }

    ByteBuffer readScratch() {
        return readScratch;
    }

    long nextId() {
        return ++lastId;
    }

    Connection facadeFor(Conn conn) {
        return facades.apply(conn);
    }

    void register(Conn conn, SelectableChannel channel, int ops) throws IOException {
        conn.key = channel.register(selector, ops, conn);
        list(conn);
    }

    /** Adds {@code conn} to the polled connections once; the flag keeps this O(1) on every accept. */
    void list(Conn conn) {
        if (!conn.listed) {
            conn.listed = true;
            conns.add(conn);
        }
    }

    /** Makes the next poll service connections without waiting in select. */
    void requestService() {
        serviceRequested = true;
    }

    /** The client context for tls:// connects without one, made once per manager. */
    TlsContext defaultClientContext() throws TlsException {
        if (defaultClientContext == null) {
            defaultClientContext = TlsProviders.newContext(null, TlsConfig.client().build());
        }
        return defaultClientContext;
    }

    /** Connection methods belong to the loop thread; a wrong thread corrupts state silently otherwise. */
    void checkThread() {
        Thread loopThread = runThread;
        if (loopThread != null && loopThread != Thread.currentThread()) {
            throw new IllegalStateException("expected the manager's thread " + loopThread.getName()
                    + " but was " + Thread.currentThread().getName() + "; use Manager.execute");
        }
    }

    private void checkOpen() {
        Throwable stoppedBy = fatal;
        if (stoppedBy != null) {
            throw new IllegalStateException("the manager stopped on a fatal error: " + stoppedBy, stoppedBy);
        }
        if (closed) {
            throw new IllegalStateException("the manager is closed");
        }
    }

    void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "close failed: " + e);
        }
    }
}
