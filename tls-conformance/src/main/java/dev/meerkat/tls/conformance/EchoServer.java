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

    /** How one accepted connection ended: its reason, its cause (may be null), and whether it handshook. */
    public record Ending(CloseReason reason, Throwable cause, boolean handshook, long openMillis) {
    }

    private final Manager manager = new Manager();
    private final Thread thread;
    private final int port;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final List<Ending> endings = new CopyOnWriteArrayList<>();

    public EchoServer(Options options) {
        Connection listener = manager.listen("tls://127.0.0.1:0", options, this::handle);
        port = listener.localAddress().getPort();
        thread = new Thread(manager::run, "echo-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return port;
    }

    public int handshakes() {
        return handshakes.get();
    }

    /** The connections that ended so far, in order. */
    public List<Ending> endings() {
        return List.copyOf(endings);
    }

    /** Waits up to {@code timeout} until {@code count} connections ended; returns them. */
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

    @Override
    public void close() throws InterruptedException {
        manager.close();
        thread.join(10_000);
    }
}
