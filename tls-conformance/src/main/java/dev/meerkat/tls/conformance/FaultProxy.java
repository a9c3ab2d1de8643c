package dev.meerkat.tls.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on 127.0.0.1 for one connection, between a TLS client and a TLS server, that applies
 * {@link Fault}s to the server's records on their way to the client. The client's bytes pass
 * unchanged. Blocking sockets on two daemon threads; every read times out after
 * {@link #IO_TIMEOUT}, so the threads always end.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(serverAddress, new Fault.CoalesceClose())) {
 *     connect the client to proxy.port(); call proxy.arm() just before the server responds
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    static final Duration IO_TIMEOUT = Duration.ofSeconds(20);
    static final byte[] GARBAGE = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final System.Logger LOG = System.getLogger(FaultProxy.class.getName());

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final FaultSet faults;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final CountDownLatch clientRead = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<TlsRecord> response = new ArrayList<>();
    private final AtomicInteger writesToClient = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Socket> sockets = new ArrayList<>();

    private FaultProxy(InetSocketAddress target, FaultSet faults) throws IOException {
        this.target = target;
        this.faults = faults;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout((int) IO_TIMEOUT.toMillis());
    }

    /** Listens on 127.0.0.1 and forwards the first connection it accepts to {@code target}. */
    public static FaultProxy start(InetSocketAddress target, Fault... faults) throws IOException {
        FaultProxy proxy = new FaultProxy(target, FaultSet.of(faults));
        Thread thread = new Thread(proxy::serve, "fault-proxy-" + proxy.port());
        thread.setDaemon(true);
        thread.start();
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Thread-safe: the server's records from now on are the response that end faults act on. */
    public void arm() {
        armed.set(true);
    }

    /** Thread-safe: the client has read the whole response; {@link Fault.ResetAfterData} may reset now. */
    public void clientReadResponse() {
        clientRead.countDown();
    }

    /** The records the server sent after {@link #arm()}, once its stream ended; for end faults only. */
    public List<TlsRecord> response() {
        synchronized (response) {
            return List.copyOf(response);
        }
    }

    /** How many writes carried the server's bytes to the client. */
    public int writesToClient() {
        return writesToClient.get();
    }

    /** Waits until the server's stream ended and its fault was applied. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Fails when a fault could not be applied (for instance the response was too small for it). */
    public void assertNoFailure() {
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("fault proxy " + faults + " failed: " + t.getMessage(), t);
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        synchronized (sockets) {
            sockets.forEach(FaultProxy::closeQuietly);
        }
    }

    private void serve() {
        try (Socket client = listener.accept(); Socket server = new Socket()) {
            track(client, server);
            server.connect(target, (int) IO_TIMEOUT.toMillis());
            configure(client);
            configure(server);
            Thread upstream = startClientToServer(client, server);
            serverToClient(server, client);
            upstream.join(IO_TIMEOUT.toMillis());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "fault proxy " + port() + " ended: " + e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
            close();
        }
    }

    private Thread startClientToServer(Socket client, Socket server) {
        Thread thread = new Thread(() -> copyClientToServer(client, server), "fault-proxy-" + port() + "-upstream");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void copyClientToServer(Socket client, Socket server) {
        try (InputStream in = client.getInputStream()) {
            in.transferTo(server.getOutputStream());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "fault proxy upstream ended: " + e);
        } finally {
            shutdownOutputQuietly(server);
        }
    }

    private void serverToClient(Socket server, Socket client) throws IOException, InterruptedException {
        RecordReader reader = new RecordReader(server.getInputStream());
        OutputStream out = client.getOutputStream();
        if (faults.start() != null) {
            applyStartFault(reader, out);
            shutdownOutputQuietly(client);
            drain(reader);
            return;
        }
        for (TlsRecord record = reader.next(); record != null; record = reader.next()) {
            if (faults.end() != null && armed.get()) {
                synchronized (response) {
                    response.add(record);
                }
            } else {
                deliver(out, record.bytes());
            }
        }
        deliver(out, reader.leftover());
        finishResponse(client, out);
    }

    private void applyStartFault(RecordReader reader, OutputStream out) throws IOException {
        TlsRecord first = reader.next();
        if (faults.start() instanceof Fault.Garbage) {
            deliver(out, GARBAGE);
        } else if (first != null) {
            deliver(out, first.bytes());
        }
    }

    private void finishResponse(Socket client, OutputStream out) throws IOException, InterruptedException {
        if (faults.end() == null) {
            shutdownOutputQuietly(client);
            return;
        }
        ResponseEnding ending = ResponseEnding.of(faults.end(), response());
        deliver(out, ending.bytes());
        if (!ending.reset()) {
            shutdownOutputQuietly(client);
        } else if (clientRead.await(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            client.setSoLinger(true, 0);
            client.close();
        } else {
            throw new IllegalStateException("expected the client to read the response within " + IO_TIMEOUT
                    + " before the reset but it did not signal clientReadResponse()");
        }
    }

    private void deliver(OutputStream out, byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        if (faults.oneByteSegments()) {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                writesToClient.incrementAndGet();
            }
        } else {
            out.write(bytes);
            out.flush();
            writesToClient.incrementAndGet();
        }
    }

    /** Reads the rest of the server's stream so that the server sees its bytes taken, not a reset. */
    private static void drain(RecordReader reader) throws IOException {
        while (reader.next() != null) {
            // discarded: the start fault replaced or ended the stream
        }
    }

    private void track(Socket... opened) {
        synchronized (sockets) {
            sockets.addAll(List.of(opened));
        }
    }

    private static void configure(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
    }

    private static void shutdownOutputQuietly(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "shutdownOutput failed: " + e);
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
