package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProviders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 10,000 concurrent keep-alive TLS connections to {@code meerkat serve} in a child JVM: each
 * handshakes and gets one response, then all are held open at once (asking again every 30 s). Meanwhile a new client is
 * served; once they close, the child's descriptors come back to their baseline. The providers run
 * are {@code -Dmeerkat.flood.providers} (comma-separated; default all five), the count
 * {@code -Dmeerkat.flood.connections}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ManyTlsConnectionsTest {

    private static final int CONNECTIONS = Integer.getInteger("meerkat.flood.connections", 10_000);
    /** Connections in their handshake at once: the listen backlog and the SYN queue stay short. */
    private static final int WINDOW = 200;
    /** Descriptors the child may open lazily after the baseline (a jar, a provider's library). */
    private static final int SLACK = 16;
    private static final long RAMP_SECONDS = 150;

    @TempDir
    Path dir;

    static Stream<String> providers() {
        return Stream.of(System.getProperty("meerkat.flood.providers", "openssl,openssl-jna,mbedtls,bc,jdk").split(","))
                .map(String::strip);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void holdsTenThousandTlsConnectionsServesAnotherClientAndGivesEveryDescriptorBack(String provider)
            throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello");
        try (ServeChild server = ServeChild.start(dir, List.of("-Xmx1g"), "--dir", dir.toString(), "--listen",
                "https://127.0.0.1:0", "--tls", provider, "--max-connections", Integer.toString(CONNECTIONS + 10));
                TlsContext tls = TlsProviders.newContext(provider, TlsConfig.client().insecureSkipVerification().build());
                LoopThread loop = new LoopThread("meerkat-flood")) {
            Flood flood = new Flood(loop.manager(), "tls://127.0.0.1:" + server.port(), Options.defaults().withTls(tls));
            flood.get().get(30, TimeUnit.SECONDS);
            long baseline = server.descriptors();
            long started = System.nanoTime();

            loop.call(() -> flood.start(CONNECTIONS, WINDOW));
            awaitAnswered(loop, flood, CONNECTIONS / 2);
            long goodStarted = System.nanoTime();
            assertThat(flood.get().get(60, TimeUnit.SECONDS)).as("a client's answer during the flood")
                    .startsWith("HTTP/1.1 200 OK\r\n");
            long goodMillis = (System.nanoTime() - goodStarted) / 1_000_000;
            awaitAnswered(loop, flood, CONNECTIONS);
            long rampMillis = (System.nanoTime() - started) / 1_000_000;
            long held = server.descriptors();
            long rss = server.residentBytes();

            assertThat(loop.call(flood::failures)).as("connections that failed: " + loop.call(flood::firstFailure))
                    .isZero();
            assertThat(held).as("the child's descriptors with every connection open").isGreaterThan(CONNECTIONS);
            loop.call(flood::closeAll);
            long after = awaitDescriptorsAtMost(server, baseline + SLACK);
            System.out.printf("%s: %d TLS connections answered and held in %d ms; a new client served in %d ms"
                    + " during the flood; child descriptors %d before, %d held, %d after; child RSS %d MiB held%n",
                    provider, CONNECTIONS, rampMillis, goodMillis, baseline, held, after, rss >> 20);
            assertThat(after).as("the child's descriptors after every connection closed").isLessThanOrEqualTo(
                    baseline + SLACK);
            assertThat(flood.get().get(30, TimeUnit.SECONDS)).as("a client's answer after the flood")
                    .startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(server.isAlive()).isTrue();
        }
    }

    private static void awaitAnswered(LoopThread loop, Flood flood, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RAMP_SECONDS);
        while (loop.call(flood::answered) < count && loop.call(flood::failures) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(loop.call(flood::answered)).as("answered connections; first failure: " + loop.call(flood::firstFailure))
                .isGreaterThanOrEqualTo(count);
    }

    private static long awaitDescriptorsAtMost(ServeChild server, long bound) throws InterruptedException {
        for (int i = 0; i < 600 && server.descriptors() > bound; i++) {
            Thread.sleep(50);
        }
        return server.descriptors();
    }

    /** Opens connections {@code window} at a time, each getting /hello.txt once and then held open. Loop thread only. */
    private static final class Flood {
        private final Manager manager;
        private final String url;
        private final Options options;
        private final List<HelloGet> held = new ArrayList<>();
        private int toStart;
        private int answered;
        private int failures;
        private String firstFailure = "none";

        Flood(Manager manager, String url, Options options) {
            this.manager = manager;
            this.url = url;
            this.options = options;
        }

        /** One more client's answer, the connection closed after it (from any thread). */
        CompletableFuture<String> get() {
            HelloGet get = new HelloGet(true);
            manager.execute(() -> manager.connect(url, options, get));
            return get.answer;
        }

        Void start(int count, int window) {
            toStart = count;
            for (int i = 0; i < window; i++) {
                next();
            }
            return null;
        }

        private void next() {
            if (toStart == 0) {
                return;
            }
            toStart--;
            HelloGet get = new HelloGet(false);
            held.add(get);
            get.answer.whenComplete((answer, failure) -> {
                if (failure == null) {
                    answered++;
                } else if (failures++ == 0) {
                    firstFailure = failure.getMessage();
                }
                next();
            });
            manager.connect(url, options, get);
        }

        int answered() {
            return answered;
        }

        int failures() {
            return failures;
        }

        String firstFailure() {
            return firstFailure;
        }

        Void closeAll() {
            held.forEach(HelloGet::close);
            return null;
        }
    }

    /**
     * One connection: GET /hello.txt; completes with the first answer, or fails when closed before it.
     * A held connection asks again every {@link #HEARTBEAT}, so that the server's keep-alive timeout
     * (75 s) does not close it while a slow ramp is still opening the others.
     */
    private static final class HelloGet implements Handler {
        private static final Duration HEARTBEAT = Duration.ofSeconds(30);
        private final CompletableFuture<String> answer = new CompletableFuture<>();
        private final StringBuilder got = new StringBuilder();
        private final boolean closeAfter;
        private Connection connection;

        HelloGet(boolean closeAfter) {
            this.closeAfter = closeAfter;
        }

        @Override
        public void handle(Connection c, Event event) {
            connection = c;
            if (event instanceof Event.TlsHandshake || event instanceof Event.Timer) {
                c.send(("GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n" + (closeAfter ? "Connection: close\r\n" : "")
                        + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            } else if (event instanceof Event.Read read && answer.isDone()) {
                read.data().position(read.data().limit());
            } else if (event instanceof Event.Read read) {
                byte[] bytes = new byte[read.data().remaining()];
                read.data().get(bytes);
                got.append(new String(bytes, StandardCharsets.ISO_8859_1));
                if (got.toString().endsWith("hello")) {
                    answer.complete(got.toString());
                    c.timer(HEARTBEAT, HEARTBEAT, this);
                }
            } else if (event instanceof Event.Close close && !answer.isDone()) {
                answer.completeExceptionally(new IOException(c + ": closed " + close.reason() + " before the answer"
                        + (close.cause() == null ? "" : ": " + close.cause()) + "; got " + got.length() + " bytes"));
            }
        }

        void close() {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
