package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.LoopThread;
import dev.meerkat.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link HttpExchange#upgrade}: ordering behind queued replies, shutdown and close of upgraded connections. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpUpgradeTest {

    /** Larger than the send limit below, so most of it waits in the session's queue. */
    private static final int BIG = 512 * 1024;
    private static final String UPGRADE = "GET /echo HTTP/1.1\r\nHost: t\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n";
    private static final Headers SWITCH = Headers.of("Upgrade", "echo", "Connection", "Upgrade");

    private final LoopThread loop = new LoopThread();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpExchange> held = new CompletableFuture<>();
    private final CompletableFuture<Connection> upgraded = new CompletableFuture<>();
    private HttpServer server;
    private int port;

    /** Echoes what it reads; on shutdown says "bye" and leaves closing to the test. */
    private final UpgradeHandler echo = new UpgradeHandler() {
        @Override
        public void handle(Connection c, Event e) {
            if (e instanceof Event.Read r) {
                c.send(r.data());
            }
        }

        @Override
        public void upgraded(Connection connection) {
            calls.add("upgraded");
            upgraded.complete(connection);
        }

        @Override
        public void shutdown(Connection connection) {
            calls.add("shutdown");
            connection.send("bye".getBytes(StandardCharsets.ISO_8859_1));
        }
    };

    @BeforeEach
    void listen() throws Exception {
        HttpServerOptions options = HttpServerOptions.defaults().withBufferedBodies(true)
                .withConnection(Options.defaults().withSendLimit(16 * 1024));
        server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0", options, this::serve));
        port = loop.call(server::port);
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private void serve(HttpExchange exchange, HttpEvent event) {
        if (!(event instanceof HttpEvent.Message)) {
            return;
        }
        switch (exchange.request().path()) {
            case "/big" -> exchange.reply(200, "x".repeat(BIG));
            case "/held" -> held.complete(exchange);
            case "/echo-then-shutdown" -> {
                exchange.upgrade(SWITCH, echo);
                server.shutdown();
            }
            default -> exchange.upgrade(SWITCH, echo);
        }
    }

    @Test
    void sends101AfterEveryEarlierReplyThenHandsOverTheBytesSentWithTheRequest() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n" + UPGRADE + "ping");

            readBigReply(client);
            assertThat(client.readUntil("\r\n\r\n")).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .contains("Connection: Upgrade\r\n").doesNotContain("Content-Length").doesNotContain("close");
            assertThat(new String(client.input().readNBytes(4), StandardCharsets.ISO_8859_1)).isEqualTo("ping");
            assertThat(calls).containsExactly("upgraded");
        }
    }

    @Test
    void refusesAnUpgradeDuringShutdownWith503AndCloses() throws Exception {
        try (RawClient client = new RawClient(port)) {
            HttpExchange exchange = holdUpgradeRequest(client);
            CompletableFuture<Void> done = loop.call(server::shutdown);

            assertThat(loop.call(() -> exchange.upgrade(SWITCH, echo))).isFalse();
            assertThat(client.readToEnd()).startsWith("HTTP/1.1 503 ").contains("Connection: close\r\n");
            done.get(10, TimeUnit.SECONDS);
            assertThat(calls).isEmpty();
        }
    }

    @Test
    void shutdownAsksTheOwnerToCloseAndCompletesAtItsClose() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.write(UPGRADE);
            client.readUntil("\r\n\r\n");
            Connection connection = upgraded.get(10, TimeUnit.SECONDS);
            assertThat(loop.call(server::connectionCount)).isEqualTo(1);

            CompletableFuture<Void> done = loop.call(server::shutdown);
            client.readUntil("bye");
            assertThat(done).as("shutdown waits for the upgraded connection").isNotDone();
            assertThat(calls).containsExactly("upgraded", "shutdown");

            loop.run(connection::close);
            done.get(10, TimeUnit.SECONDS);
            assertThat(client.closedByPeer()).isTrue();
            assertThat(loop.call(server::connectionCount)).isZero();
        }
    }

    @Test
    void shutdownWhileThe101WaitsAsksTheOwnerOnceItHasTheConnection() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n" + UPGRADE.replace("/echo", "/echo-then-shutdown"));

            readBigReply(client);
            assertThat(client.readUntil("bye")).startsWith("HTTP/1.1 101 ").contains("Connection: Upgrade\r\n");
            assertThat(calls).containsExactly("upgraded", "shutdown");
        }
    }

    @Test
    void theDefaultShutdownClosesTheUpgradedConnectionAfterItsOutput() throws Exception {
        try (RawClient client = new RawClient(port)) {
            HttpExchange exchange = holdUpgradeRequest(client);
            loop.run(() -> exchange.upgrade(SWITCH, (c, e) -> { }));
            client.readUntil("\r\n\r\n");

            CompletableFuture<Void> done = loop.call(server::shutdown);
            assertThat(client.closedByPeer()).isTrue();
            done.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void closeClosesUpgradedConnectionsAtOnce() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.write(UPGRADE);
            client.readUntil("\r\n\r\n");
            upgraded.get(10, TimeUnit.SECONDS);

            loop.run(server::close);
            assertThat(client.closedByPeer()).isTrue();
            assertThat(calls).containsExactly("upgraded");
        }
    }

    @Test
    void refusesToUpgradeBeforeTheRequestBodyWasRead() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0", HttpServerOptions.defaults().withBufferedBodies(true),
                (exchange, event) -> {
                    if (event instanceof HttpEvent.Head) {
                        failure.complete(catchThrowable(() -> exchange.upgrade(SWITCH, echo)));
                    }
                }));
        try (RawClient client = new RawClient(loop.call(server::port))) {
            client.write("POST /echo HTTP/1.1\r\nHost: t\r\nUpgrade: echo\r\nConnection: Upgrade\r\nContent-Length: 4\r\n\r\n");

            assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("body was still unread");
        }
    }

    private HttpExchange holdUpgradeRequest(RawClient client) throws Exception {
        client.write(UPGRADE.replace("/echo", "/held"));
        return held.get(10, TimeUnit.SECONDS);
    }

    private static void readBigReply(RawClient client) throws IOException {
        assertThat(client.readUntil("\r\n\r\n")).startsWith("HTTP/1.1 200 ").contains("Content-Length: " + BIG + "\r\n");
        byte[] body = client.input().readNBytes(BIG);
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).isEqualTo("x".repeat(BIG));
    }
}
