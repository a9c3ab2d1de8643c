package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.MemoryBudget;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server for hostile-peer tests on its own loop: records each request target it sees, answers
 * {@code /large} with {@link #LARGE} bytes and anything else with "served " and the target.
 */
final class RecordingServer implements AutoCloseable {

    static final int LARGE = 16 * 1024 * 1024;

    final MemoryBudget budget = MemoryBudget.ofBytes(64L * 1024 * 1024);
    private final LoopThread loop = new LoopThread(budget);
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final int port;

    RecordingServer(HttpServerOptions options) throws Exception {
        server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0", options, this::handle));
        port = loop.call(server::port);
    }

    private void handle(HttpExchange exchange, HttpEvent event) {
        String target = exchange.request().target();
        if (event instanceof HttpEvent.Head) {
            seen.add(target);
        } else if (event instanceof HttpEvent.End) {
            exchange.reply(200, target.equals("/large") ? "x".repeat(LARGE) : "served " + target);
        }
    }

    int port() {
        return port;
    }

    /** Targets of the request heads the handler saw, in order. */
    List<String> seen() {
        return seen;
    }

    long connections() {
        try {
            return loop.call(server::connectionCount);
        } catch (Exception e) {
            throw new IllegalStateException("expected the loop to answer within " + LoopThread.TIMEOUT, e);
        }
    }

    /** A new connection's request is answered: the server still serves while under attack. */
    void assertServesWellBehavedClient() throws Exception {
        try (RawClient good = new RawClient(port)) {
            good.write("GET /good HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            assertThat(good.readToEnd()).as("a well-behaved client's answer")
                    .startsWith("HTTP/1.1 200 OK\r\n").endsWith("served /good");
        }
    }

    /** The server holds no connection and {@code baseline} is back. */
    void assertRestored(Baseline baseline) throws Exception {
        Baseline.awaitAtMost(this::connections, 0);
        assertThat(connections()).as("server connections after the attack").isZero();
        baseline.assertRestored();
    }

    @Override
    public void close() {
        loop.close();
    }
}
