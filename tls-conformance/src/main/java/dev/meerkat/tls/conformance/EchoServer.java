package dev.meerkat.tls.conformance;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Meerkat TLS echo server on its own Manager thread, for peers outside the process (openssl) and
 * hostile raw clients: it echoes every byte and remembers how each connection ended.
 */
public final class EchoServer implements AutoCloseable {

    /**
     * How one accepted connection ended.
     *
     * @param reason     the close reason
     * @param cause      the close's cause, or null
     * @param handshook  true when its TLS handshake completed
     * @param openMillis how long it was open, from the accept to the close, in milliseconds
     */
    public record Ending(CloseReason reason, Throwable cause, boolean handshook, long openMillis) {
    }

    private final Manager manager = new Manager();
    private final Thread thread;
    private final int port;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final List<Ending> endings = new CopyOnWriteArrayList<>();

    /**
     * Listens on 127.0.0.1, a free port, and starts the server's thread.
     *
     * @param options the listener's options; their TLS context is the server's
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public EchoServer(Options options) {
        Connection listener = manager.listen("tls://127.0.0.1:0", options, this::handle);
        port = listener.localAddress().getPort();
        thread = new Thread(manager::run, "echo-server");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The port it listens on, on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * TLS handshakes completed so far; thread-safe.
     *
     * @return the count
     */
    public int handshakes() {
        return handshakes.get();
    }

    /**
     * The connections that ended so far, in order; thread-safe.
     *
     * @return a copy of the endings
     */
    public List<Ending> endings() {
        return List.copyOf(endings);
    }

    /**
     * Waits up to {@code timeout} until {@code count} connections ended.
     *
     * @param count   how many endings to wait for
     * @param timeout how long to wait at most
     * @return the endings so far: fewer than {@code count} when the timeout came first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public List<Ending> awaitEndings(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (endings.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return endings();
    }

    private void handle(Connection connection, Event event) {
        if (connection.isListener()) {
            return;
        }
        if (event instanceof Event.TlsHandshake) {
            handshakes.incrementAndGet();
        } else if (event instanceof Event.Accept) {
            connection.attach(System.nanoTime());
        } else if (event instanceof Event.Read read) {
            connection.send(read.data());
        } else if (event instanceof Event.Close close) {
            endings.add(new Ending(close.reason(), close.cause(), connection.tlsSession() != null,
                    (System.nanoTime() - (long) connection.attachment()) / 1_000_000));
        }
    }

    /**
     * Closes the manager, and every connection with it, and waits up to 10 s for its thread.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    @Override
    public void close() throws InterruptedException {
        manager.close();
        thread.join(10_000);
    }
}
