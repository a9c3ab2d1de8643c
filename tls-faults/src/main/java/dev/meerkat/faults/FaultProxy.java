package dev.meerkat.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A TCP proxy between a TLS client and a TLS server that applies {@link Fault}s to the server's
 * records on their way to the client. The client's bytes pass unchanged. Blocking sockets on daemon
 * threads.
 *
 * <p>{@link #start} serves one connection on 127.0.0.1 for a test, which says with {@link #arm()}
 * where the response begins; every read times out after {@link #IO_TIMEOUT}, so the threads always
 * end:
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(serverAddress, new Fault.CoalesceClose())) {
 *     connect the client to proxy.port(); call proxy.arm() just before the server responds
 * }
 * }</pre>
 *
 * <p>{@link #listen} serves every connection until closed, as {@code meerkat proxy} does; each
 * connection arms itself when the client sends its first application data record, and limit faults
 * count the bytes of each connection on its own.
 */
public final class FaultProxy implements AutoCloseable {

    static final Duration IO_TIMEOUT = Duration.ofSeconds(20);
    static final byte[] GARBAGE = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final System.Logger LOG = System.getLogger(FaultProxy.class.getName());

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final FaultSet faults;
    private final Consumer<String> events;
    private final ProxiedConnection first;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();

    private FaultProxy(ServerSocket listener, InetSocketAddress target, FaultSet faults, Consumer<String> events) {
        this.listener = listener;
        this.target = target;
        this.faults = faults;
        this.events = events;
        this.first = new ProxiedConnection(name(), faults, false, (int) IO_TIMEOUT.toMillis(), events);
    }

    /**
     * Listens on 127.0.0.1 and forwards the first connection it accepts to {@code target}. A daemon
     * thread waits up to {@link #IO_TIMEOUT} for that connection; the proxy closes itself when the
     * connection ends.
     *
     * @param target the TLS server's address
     * @param faults what to do to the server's stream: at most one fault of each group (see {@link Fault});
     *     none forwards the stream unchanged
     * @return the proxy, already listening on {@link #port()}
     * @throws IOException if the listening socket cannot be opened
     * @throws IllegalArgumentException if two faults share a group, or more than one of them ends the stream
     */
    public static FaultProxy start(InetSocketAddress target, Fault... faults) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout((int) IO_TIMEOUT.toMillis());
        FaultProxy proxy = new FaultProxy(listener, target, FaultSet.of(faults), line -> { });
        daemon(proxy::serveOne, proxy.name());
        return proxy;
    }

    /**
     * Listens on {@code address} and forwards every connection to {@code target} until closed,
     * without read timeouts (a connection may idle). {@code events} hears, per connection, when it
     * was armed and where a fault fell; it is called from the connections' threads.
     *
     * <p>The methods about one connection ({@link #arm()}, {@link #response()} and the like) concern
     * {@link #start}'s connection only: a listening proxy's connections arm themselves and report
     * through {@code events}.
     *
     * @param address where to listen; the socket is bound with SO_REUSEADDR
     * @param target the TLS server's address
     * @param events receives one line of text per event, from several threads at once
     * @param faults what to do to each connection's server stream: at most one fault of each group
     *     (see {@link Fault}); none forwards the stream unchanged
     * @return the proxy, already listening
     * @throws IOException if the socket cannot be bound to {@code address}
     * @throws IllegalArgumentException if two faults share a group, or more than one of them ends the stream
     */
    public static FaultProxy listen(InetSocketAddress address, InetSocketAddress target, Consumer<String> events,
            Fault... faults) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address);
        FaultProxy proxy = new FaultProxy(listener, target, FaultSet.of(faults), events);
        daemon(proxy::serveAll, proxy.name());
        return proxy;
    }

    /**
     * The port the proxy listens on, for the client to connect to.
     *
     * @return the local port, chosen by the system for {@link #start}
     */
    public int port() {
        return listener.getLocalPort();
    }

    /** Thread-safe: the server's records from now on are the response that end faults act on. */
    public void arm() {
        first.arm();
    }

    /** Thread-safe: the client has read the whole response; {@link Fault.ResetAfterData} may reset now. */
    public void clientReadResponse() {
        first.clientReadResponse();
    }

    /**
     * The records the server sent after {@link #arm()}; the list is complete once the server's stream
     * ended ({@link #awaitFinished}). Thread-safe.
     *
     * @return a copy of the records held so far; empty without an end fault, which is the only kind
     *     that holds the response
     */
    public List<TlsRecord> response() {
        return first.response();
    }

    /**
     * How many writes carried the server's bytes to the client, for a test that checks how the
     * stream was segmented ({@link Fault.OneByteSegments}, {@link Fault.CoalesceClose}). Thread-safe.
     *
     * @return the writes so far, each one socket write
     */
    public int writesToClient() {
        return first.writesToClient();
    }

    /**
     * Waits until the server's stream ended and its fault was applied ({@link #start}), or until a
     * listening proxy stopped accepting after {@link #close()} ({@link #listen}).
     *
     * @param timeout how long to wait at most; millisecond precision
     * @return true when finished, false when {@code timeout} passed first
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Fails when a fault could not be applied (for instance the response was too small for it), so a
     * test does not pass on a fault that never happened. Thread-safe.
     *
     * @throws AssertionError if a connection failed to apply its fault; the first failure is its cause
     */
    public void assertNoFailure() {
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("fault proxy " + faults + " failed: " + t.getMessage(), t);
        }
    }

    /**
     * Stops listening and closes every open socket, so the proxy's threads end. Idempotent and
     * thread-safe; errors while closing are only logged (DEBUG).
     */
    @Override
    public void close() {
        closeQuietly(listener);
        synchronized (sockets) {
            sockets.forEach(FaultProxy::closeQuietly);
        }
    }

    private String name() {
        return "fault-proxy-" + listener.getLocalPort();
    }

    private void serveOne() {
        try (Socket client = listener.accept()) {
            proxy(client, first);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> name() + " ended: " + e);
        } finally {
            finished.countDown();
            close();
        }
    }

    private void serveAll() {
        try {
            while (true) {
                Socket client = listener.accept();
                String name = name() + "-" + accepted.incrementAndGet();
                ProxiedConnection connection = new ProxiedConnection(name, faults, true, 0, events);
                daemon(() -> proxyClosing(client, connection), name);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> name() + " stopped accepting: " + e);
        } finally {
            finished.countDown();
        }
    }

    private void proxyClosing(Socket client, ProxiedConnection connection) {
        try (client) {
            proxy(client, connection);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> name() + " connection ended: " + e);
        }
    }

    private void proxy(Socket client, ProxiedConnection connection) throws IOException {
        Socket server = new Socket();
        track(client, server);
        try (server) {
            server.connect(target, (int) IO_TIMEOUT.toMillis());
            connection.run(client, server);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            events.accept(name() + ": the fault could not be applied: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            untrack(client, server);
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void track(Socket... opened) {
        synchronized (sockets) {
            sockets.addAll(List.of(opened));
        }
    }

    private void untrack(Socket... done) {
        synchronized (sockets) {
            sockets.removeAll(List.of(done));
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "close failed: " + e);
        }
    }
}
