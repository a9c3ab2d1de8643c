package dev.meerkat.benchmarks.server;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many client connections to one server, each completing its TLS handshake and one GET answered 200
 * with the 1 KiB body, then left open and idle. A Meerkat manager polled by the calling thread only,
 * so no locking. Any connection that closes or fails before its answer fails the whole run at once.
 */
final class IdleClients implements AutoCloseable {

    private static final String HEAD_END = "\r\n\r\n";
    private static final String STATUS_OK = "HTTP/1.1 200 ";

    private final Manager manager = new Manager();
    private final String url;
    private final Options options;
    private final byte[] request;
    private final List<Connection> connections = new ArrayList<>();
    private int answered;
    private int inFlight;
    private RuntimeException failure;

    /** {@code tls} may be null for plain connections. */
    IdleClients(int port, TlsContext tls) {
        this.url = (tls == null ? "tcp" : "tls") + "://127.0.0.1:" + port;
        this.options = Options.defaults().withTls(tls).withIdleTimeout(Duration.ZERO);
        this.request = ("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Opens {@code count} more connections, at most {@code parallel} unanswered at a time, and returns
     * once every one is answered; fails when one fails or {@code limit} passes first.
     */
    void open(int count, int parallel, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int target = answered + count;
        int started = 0;
        while (answered < target) {
            for (; started < count && inFlight < parallel; started++) {
                inFlight++;
                connections.add(manager.connect(url, options, new OneRequest()));
            }
            manager.poll(10);
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected " + count + " connections answered within " + limit
                        + " but only " + (answered - (target - count)) + " were (" + url + ")");
            }
        }
    }

    int answered() {
        return answered;
    }

    /** Closes every connection and waits up to {@code limit} for the closes to go out. */
    void closeAll(Duration limit) {
        connections.forEach(Connection::close);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!manager.connections().isEmpty() && System.nanoTime() < deadline) {
            manager.poll(10);
        }
        connections.clear();
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Sends the GET once the connection is ready, checks the answer, then keeps the connection idle. */
    private final class OneRequest implements Handler {
        private ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void handle(Connection connection, Event event) {
            if (event instanceof Event.TlsHandshake || (event instanceof Event.Connect && !connection.isTls())) {
                connection.send(request);
            } else if (event instanceof Event.Read read) {
                take(connection, read.data());
            } else if (event instanceof Event.Close close && received != null && failure == null) {
                failure = new IllegalStateException("expected a 200 answer with a " + ResponseBody.SIZE
                        + "-byte body on " + connection + " but the connection closed first (" + close.reason()
                        + ") after " + received.size() + " bytes", close.cause());
            }
        }

        private void take(Connection connection, ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            if (received == null) {
                failure = new IllegalStateException("expected nothing after the answer on " + connection
                        + " but " + bytes.length + " more bytes came");
                return;
            }
            received.writeBytes(bytes);
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf(HEAD_END);
            if (headEnd >= 0 && text.length() - headEnd - HEAD_END.length() >= ResponseBody.SIZE) {
                check(connection, text, headEnd);
            }
        }

        private void check(Connection connection, String text, int headEnd) {
            byte[] body = text.substring(headEnd + HEAD_END.length()).getBytes(StandardCharsets.ISO_8859_1);
            if (!text.startsWith(STATUS_OK) || !ResponseBody.matches(body)) {
                failure = new IllegalStateException("expected 200 with the " + ResponseBody.SIZE + "-byte body on "
                        + connection + " but got '" + text.substring(0, headEnd) + "' and " + body.length
                        + " body bytes");
                return;
            }
            received = null;
            answered++;
            inFlight--;
        }
    }
}
