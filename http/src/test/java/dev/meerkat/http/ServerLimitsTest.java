package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server's limits on slow and greedy clients (HttpServerOptions), each with 1 s timeouts: the
 * attacker is cut off, a well-behaved client is served meanwhile, and descriptors and budget bytes
 * come back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerLimitsTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    private RecordingServer server;
    private int port;
    private Baseline baseline;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Listens with {@code options}; one request warms up before the baseline is taken. */
    private void listen(HttpServerOptions.Builder options) throws Exception {
        server = new RecordingServer(options.build());
        port = server.port();
        assertServesWellBehavedClient();
        baseline = Baseline.of(server.budget);
    }

    private static HttpServerOptions.Builder shortTimeouts() {
        return HttpServerOptions.builder().headTimeout(SHORT).bodyTimeout(SHORT).sendTimeout(SHORT)
                .keepAliveTimeout(SHORT);
    }

    private void assertServesWellBehavedClient() throws Exception {
        server.assertServesWellBehavedClient();
    }

    private void assertRestored() throws Exception {
        server.assertRestored(baseline);
    }

    private long connections() {
        return server.connections();
    }

    @Test
    void slowlorisSendingOneHeaderLineAtATimeGets408AfterTheHeadTimeout() throws Exception {
        listen(shortTimeouts());
        try (RawClient slow = new RawClient(port)) {
            slow.write("GET / HTTP/1.1\r\nHost: t\r\n");
            String answer = "";
            for (int i = 0; i < 40 && answer.isEmpty(); i++) {
                assertServesWellBehavedClient();
                slow.write("X-Slow-" + i + ": 1\r\n");
                Thread.sleep(100);
                answer = slow.available();
            }
            assertThat(answer + slow.readToEnd()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .contains("Connection: close").contains("expected a complete request head within 1000 ms");
        }
        assertRestored();
    }

    @Test
    void emptyLinesDoNotRestartTheHeadTimeout() throws Exception {
        listen(shortTimeouts());
        try (RawClient slow = new RawClient(port)) {
            String answer = "";
            for (int i = 0; i < 40 && answer.isEmpty(); i++) {
                slow.write("\r\n");
                Thread.sleep(100);
                answer = slow.available();
            }
            assertThat(answer + slow.readToEnd()).startsWith("HTTP/1.1 408 Request Timeout\r\n");
        }
        assertRestored();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedWithoutAnswerAfterTheHeadTimeout() throws Exception {
        listen(shortTimeouts());
        try (RawClient silent = new RawClient(port)) {
            assertServesWellBehavedClient();
            assertThat(silent.readToEnd()).isEmpty();
        }
        assertRestored();
    }

    @Test
    void aStalledBodyGets408AfterTheBodyTimeout() throws Exception {
        listen(shortTimeouts());
        try (RawClient stalled = new RawClient(port)) {
            stalled.write("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly this");
            assertServesWellBehavedClient();
            assertThat(stalled.readToEnd()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .contains("expected more of the request body within 1000 ms but none came");
        }
        assertRestored();
    }

    @Test
    void aClientThatNeverReadsALargeResponseIsClosedAfterTheSendTimeout() throws Exception {
        listen(shortTimeouts());
        try (RawClient greedy = new RawClient(port)) {
            greedy.write("GET /large HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(greedy.readUntil("\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
            assertServesWellBehavedClient();
            Baseline.awaitAtMost(() -> connections(), 0);
            assertThat(connections()).as("connections once the send timeout passed").isZero();
        }
        assertRestored();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheKeepAliveTimeout() throws Exception {
        listen(shortTimeouts());
        try (RawClient idle = new RawClient(port)) {
            idle.write("GET /one HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(idle.readUntil("served /one")).doesNotContain("Connection: close");
            assertThat(idle.readToEnd()).isEmpty();
        }
        assertRestored();
    }

    @Test
    void aSlowButSteadyBodyIsNotCutOff() throws Exception {
        listen(shortTimeouts());
        try (RawClient steady = new RawClient(port)) {
            steady.write("POST /steady HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\n");
            for (int i = 0; i < 6; i++) {
                Thread.sleep(400);
                steady.write("x");
            }
            assertThat(steady.readUntil("served /steady")).startsWith("HTTP/1.1 200 OK\r\n");
        }
    }

    /**
     * One byte every 200 ms never pauses as long as the 1 s body timeout, but is far under a minimum
     * rate of 100 bytes/s: 408 once the 1 s grace period is over (Kestrel's MinRequestBodyDataRate).
     */
    @Test
    void aBodyDrippingUnderTheMinimumRateGets408AfterTheGracePeriod() throws Exception {
        listen(shortTimeouts().minBodyRate(100, SHORT));
        try (RawClient drip = new RawClient(port)) {
            drip.write("POST /drip HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n");
            String answer = "";
            for (int i = 0; i < 50 && answer.isEmpty(); i++) {
                drip.write("x");
                Thread.sleep(200);
                answer = drip.available();
            }
            assertThat(answer + drip.readToEnd()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .contains("Connection: close").containsPattern("expected the request body at 100 bytes/s or more "
                            + "but \\d+ bytes came in \\d+ ms");
        }
        assertServesWellBehavedClient();
        assertRestored();
    }

    /** Five times the minimum rate for 3 s, well past the grace period: served. */
    @Test
    void aBodyOverTheMinimumRateIsServed() throws Exception {
        listen(shortTimeouts().minBodyRate(100, SHORT));
        try (RawClient steady = new RawClient(port)) {
            steady.write("POST /steady HTTP/1.1\r\nHost: t\r\nContent-Length: 1500\r\n\r\n");
            for (int i = 0; i < 30; i++) {
                Thread.sleep(100);
                steady.write("x".repeat(50));
            }
            assertThat(steady.readUntil("served /steady")).startsWith("HTTP/1.1 200 OK\r\n");
        }
    }

    @Test
    void aConnectionOverTheCapGets503WithTheReasonAndTheServerServesAgainOnceBelow() throws Exception {
        listen(shortTimeouts().headTimeout(Duration.ofSeconds(20)).keepAliveTimeout(Duration.ofSeconds(20))
                .maxConnections(2));
        try (RawClient first = new RawClient(port); RawClient second = new RawClient(port)) {
            first.write("GET /1 HTTP/1.1\r\nHost: t\r\n\r\n");
            second.write("GET /2 HTTP/1.1\r\nHost: t\r\n\r\n");
            first.readUntil("served /1");
            second.readUntil("served /2");
            try (RawClient refused = new RawClient(port)) {
                refused.write("GET /3 HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(refused.readToEnd()).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                        .contains("Connection: close").contains("Retry-After: 1")
                        .endsWith("the server is at its limit of 2 connections; try again later\n");
            }
        }
        Baseline.awaitAtMost(() -> connections(), 0);
        assertServesWellBehavedClient();
        assertRestored();
    }

    @Test
    void zeroTurnsATimeoutOffAndNegativeIsRefused() {
        HttpServerOptions off = HttpServerOptions.builder().headTimeout(Duration.ZERO).build();
        assertThat(off.headTimeout()).isZero();
        assertThat(HttpServerOptions.defaults().headTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpServerOptions.defaults().maxConnections()).isEqualTo(HttpServerOptions.DEFAULT_MAX_CONNECTIONS);
        assertThatThrownBy(() -> HttpServerOptions.builder().sendTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("expected sendTimeout >= 0 but was PT-1S");
        assertThat(HttpServerOptions.defaults().minBodyRate()).isZero();
        assertThatThrownBy(() -> HttpServerOptions.builder().minBodyRate(-1, SHORT).build())
                .hasMessage("expected minBodyRate >= 0 but was -1");
        assertThatThrownBy(() -> HttpServerOptions.builder().maxConnections(0).build())
                .hasMessage("expected maxConnections >= 1 but was 0");
    }
}
