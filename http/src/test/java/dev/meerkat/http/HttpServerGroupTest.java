package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopGroup;
import dev.meerkat.LoopGroup.Spreading;
import dev.meerkat.LoopThread;
import dev.meerkat.Manager;
import dev.meerkat.MemoryBudget;
import dev.meerkat.Options;
import dev.meerkat.faketls.FakeTlsContext;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServerGroupTest {
    private static final long WAIT = LoopThread.TIMEOUT.toMillis();
    /** Answers with the name of the loop thread that served the request. */
    private static final HttpHandler THREAD_NAME = (exchange, event) -> {
        if (event instanceof HttpEvent.End) {
            exchange.reply(200, "served by " + Thread.currentThread().getName() + "!");
        }
    };

    private LoopGroup group;

    @AfterEach
    void close() {
        group.close();
    }

    private HttpServerGroup listen(Spreading spreading, HttpServerOptions options) throws Exception {
        group = new LoopGroup(2, MemoryBudget.ofBytes(1 << 24), spreading).start();
        return HttpServerGroup.listen(group, "http://127.0.0.1:0", options, THREAD_NAME).get(WAIT, TimeUnit.MILLISECONDS);
    }

    /** Under REUSE_PORT the kernel hashes each connection's ports: 30 all on one loop has odds of 2^-29. */
    @ParameterizedTest
    @EnumSource(Spreading.class)
    void requestsAreServedOnEveryLoop(Spreading spreading) throws Exception {
        HttpServerGroup server = listen(spreading, HttpServerOptions.defaults());
        Set<String> loops = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            try (RawClient client = new RawClient(server.port())) {
                client.write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
                String answer = client.readToEnd();
                loops.add(answer.substring(answer.indexOf("served by ") + 10, answer.lastIndexOf('!')));
            }
        }
        Set<String> groupThreads = new HashSet<>();
        for (Manager manager : group.managers()) {
            groupThreads.add(manager.submit(() -> Thread.currentThread().getName()).get(WAIT, TimeUnit.MILLISECONDS));
        }
        assertThat(loops).isEqualTo(groupThreads).hasSize(2);
        assertThat(server.servers()).hasSize(2);
    }

    @Test
    void maxConnectionsCountsTheWholeGroup() throws Exception {
        // The acceptor hands out in turn: the first two connections live on different loops.
        HttpServerGroup server = listen(Spreading.ACCEPTOR, HttpServerOptions.builder().maxConnections(2).build());
        try (RawClient first = new RawClient(server.port()); RawClient second = new RawClient(server.port())) {
            first.write("GET /1 HTTP/1.1\r\nHost: t\r\n\r\n");
            second.write("GET /2 HTTP/1.1\r\nHost: t\r\n\r\n");
            String one = first.readUntil("!");
            String two = second.readUntil("!");
            assertThat(one.substring(one.indexOf("served by"))).isNotEqualTo(two.substring(two.indexOf("served by")));
            assertThat(server.connectionCount()).isEqualTo(2);
            try (RawClient refused = new RawClient(server.port())) {
                refused.write("GET /3 HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(refused.readToEnd()).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                        .endsWith("the server is at its limit of 2 connections; try again later\n");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Spreading.class)
    void shutdownEndsEveryLoopsConnectionsAndTheListeners(Spreading spreading) throws Exception {
        HttpServerGroup server = listen(spreading, HttpServerOptions.defaults());
        try (RawClient first = new RawClient(server.port()); RawClient second = new RawClient(server.port())) {
            first.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            second.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            first.readUntil("!");
            second.readUntil("!");

            server.shutdown().get(WAIT, TimeUnit.MILLISECONDS);

            assertThat(first.closedByPeer()).isTrue();
            assertThat(second.closedByPeer()).isTrue();
            assertThat(server.connectionCount()).isZero();
            // Each loop closes its listener on its own thread: bounded, wait until the port refuses.
            assertThat(refusedWithin(server.port(), WAIT)).as("port %d refuses connections", server.port()).isTrue();
        }
    }

    private static boolean refusedWithin(int port, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close();
            } catch (ConnectException refused) {
                return true;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return false;
    }

    @ParameterizedTest
    @EnumSource(Spreading.class)
    void httpsOnEveryLoop(Spreading spreading) throws Exception {
        group = new LoopGroup(2, MemoryBudget.ofBytes(1 << 24), spreading).start();
        Options tls = Options.defaults().withTls(new FakeTlsContext());
        HttpServerGroup server = HttpServerGroup.listen(group, "https://127.0.0.1:0",
                HttpServerOptions.defaults().withConnection(tls), THREAD_NAME).get(WAIT, TimeUnit.MILLISECONDS);
        Set<String> loops = new HashSet<>();
        try (LoopThread loop = new LoopThread();
                HttpClient client = new HttpClient(loop.manager, HttpClientOptions.defaults().withConnection(tls))) {
            for (int i = 0; i < 30; i++) {
                HttpResponse response = client.send(HttpClientRequest.builder("GET", "https://127.0.0.1:" + server.port() + "/")
                        .header("Connection", "close").build()).get(WAIT, TimeUnit.MILLISECONDS);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.tlsSession().provider()).isEqualTo("fake");
                loops.add(response.bodyText());
            }
        }
        assertThat(loops).hasSize(2);
    }
}
