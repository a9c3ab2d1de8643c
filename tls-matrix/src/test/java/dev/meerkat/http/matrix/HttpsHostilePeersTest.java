package dev.meerkat.http.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.Options;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.matrix.MatrixLoop;
import dev.meerkat.tls.matrix.ProviderPairs;
import dev.meerkat.tls.spi.NativeReferences;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP server's limits over TLS on every provider: a slowloris that finished its handshake, and
 * a client that never reads a 16 MiB response, are cut off after 1 s timeouts while a well-behaved
 * client is served; a connection over the cap is closed before its handshake; descriptors, the memory budget and native references (NativeReferences) come
 * back to their baseline. The attackers are blocking JDK sockets, the server's provider varies.
 */
@Timeout(60)
class HttpsHostilePeersTest {

    private static final TestPki PKI = TestPki.get();
    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final int LARGE = 16 * 1024 * 1024;

    private final MatrixLoop loop = new MatrixLoop();
    private HttpServer server;
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        loop.close();
    }

    private void listen(String provider) throws Exception {
        listen(provider, HttpServerOptions.builder().headTimeout(SHORT).sendTimeout(SHORT).bodyTimeout(SHORT)
                .keepAliveTimeout(SHORT));
    }

    private void listen(String provider, HttpServerOptions.Builder builder) throws Exception {
        TlsContext tls = loop.context(provider, PKI.serverConfig(PKI.server()).build());
        HttpServerOptions options = builder.connection(Options.defaults().withTls(tls)).build();
        server = loop.call(() -> HttpServer.listen(loop.manager, "https://127.0.0.1:0", options, (exchange, event) -> {
            if (event instanceof HttpEvent.End) {
                boolean large = exchange.request().target().equals("/large");
                exchange.reply(200, large ? "x".repeat(LARGE) : "served " + exchange.request().target());
            }
        }));
        port = loop.call(server::port);
        assertServesWellBehavedClient();
    }

    @ParameterizedTest(name = "{0} server")
    @MethodSource(ProviderPairs.PROVIDERS)
    void slowlorisAfterItsHandshakeGets408(String provider) throws Exception {
        listen(provider);
        Snapshot baseline = Snapshot.take(loop);
        try (SSLSocket slow = connect()) {
            write(slow, "GET / HTTP/1.1\r\nHost: localhost\r\n");
            StringBuilder answer = new StringBuilder();
            for (int i = 0; i < 40 && answer.isEmpty(); i++) {
                assertServesWellBehavedClient();
                write(slow, "X-Slow-" + i + ": 1\r\n");
                answer.append(readAvailable(slow));
            }
            answer.append(readToEnd(slow));
            assertThat(answer.toString()).as(provider).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .contains("expected a complete request head within 1000 ms");
        }
        assertRestored(baseline);
    }

    @ParameterizedTest(name = "{0} server")
    @MethodSource(ProviderPairs.PROVIDERS)
    void aClientThatNeverReadsALargeResponseIsClosedAfterTheSendTimeout(String provider) throws Exception {
        listen(provider);
        Snapshot baseline = Snapshot.take(loop);
        try (SSLSocket greedy = connect()) {
            write(greedy, "GET /large HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertServesWellBehavedClient();
            awaitZero(this::connections);
            assertThat(connections()).as(provider + ": connections once the send timeout passed").isZero();
        }
        assertRestored(baseline);
    }

    @ParameterizedTest(name = "{0} server")
    @MethodSource(ProviderPairs.PROVIDERS)
    void aConnectionOverTheCapIsClosedBeforeItsHandshake(String provider) throws Exception {
        listen(provider, HttpServerOptions.builder().maxConnections(1));
        Snapshot baseline = Snapshot.take(loop);
        try (SSLSocket held = connect()) {
            write(held, "GET /held HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(held.getInputStream().readNBytes(16)).asString(StandardCharsets.ISO_8859_1)
                    .startsWith("HTTP/1.1 200 OK");
            assertThatThrownBy(this::connect).as(provider + ": a handshake over the cap").isInstanceOf(IOException.class);
        }
        assertRestored(baseline);
        assertServesWellBehavedClient();
    }

    /** The handshake has its own timeout: a head timeout counted from the accept would cut slow handshakes. */
    @ParameterizedTest(name = "{0} server")
    @MethodSource(ProviderPairs.PROVIDERS)
    void theHeadTimeoutStartsAfterTheHandshake(String provider) throws Exception {
        listen(provider);
        try (Socket tcp = new Socket("127.0.0.1", port)) {
            Thread.sleep(SHORT.multipliedBy(2).toMillis());
            SSLSocket late = (SSLSocket) clientContext().getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
            late.setSoTimeout(5000);
            write(late, "GET /late HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(readToEnd(late)).as(provider).startsWith("HTTP/1.1 200 OK\r\n").endsWith("served /late");
        }
    }

    private long connections() {
        try {
            return loop.call(server::connectionCount);
        } catch (Exception e) {
            throw new IllegalStateException("expected the loop to answer", e);
        }
    }

    private void assertServesWellBehavedClient() throws Exception {
        try (SSLSocket good = connect()) {
            write(good, "GET /good HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(readToEnd(good)).as("a well-behaved client's answer").startsWith("HTTP/1.1 200 OK\r\n")
                    .endsWith("served /good");
        }
    }

    private void assertRestored(Snapshot baseline) throws Exception {
        awaitZero(this::connections);
        Snapshot after = baseline;
        for (int i = 0; i < 500 && !(after = Snapshot.take(loop)).within(baseline); i++) {
            Thread.sleep(20);
        }
        assertThat(connections()).as("server connections after the attack").isZero();
        assertThat(after).as("descriptors, budget bytes and native references after the attack")
                .matches(a -> a.within(baseline), "at most " + baseline);
    }

    private static void awaitZero(LongSupplier value) throws InterruptedException {
        for (int i = 0; i < 500 && value.getAsLong() > 0; i++) {
            Thread.sleep(20);
        }
    }

    private SSLSocket connect() throws Exception {
        SSLSocket socket = (SSLSocket) clientContext().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.startHandshake();
        return socket;
    }

    private static SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream ca = java.nio.file.Files.newInputStream(PKI.caPem())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private static void write(SSLSocket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** What arrives within 100 ms, or "" when nothing did. */
    private static String readAvailable(SSLSocket socket) throws IOException {
        socket.setSoTimeout(100);
        try {
            byte[] bytes = new byte[4096];
            int read = socket.getInputStream().read(bytes);
            return read < 0 ? "" : new String(bytes, 0, read, StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            return "";
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    private static String readToEnd(SSLSocket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** What an attack must give back: this process's descriptors, the budget's bytes, native references. */
    private record Snapshot(long descriptors, long budgetBytes, long nativeReferences) {

        static Snapshot take(MatrixLoop loop) {
            String[] fds = new File("/proc/self/fd").list();
            if (fds == null) {
                throw new IllegalStateException("expected /proc/self/fd to list this process's descriptors");
            }
            return new Snapshot(fds.length, loop.manager.memoryBudget().used(), NativeReferences.liveReferences());
        }

        boolean within(Snapshot baseline) {
            return descriptors <= baseline.descriptors && budgetBytes <= baseline.budgetBytes
                    && nativeReferences <= baseline.nativeReferences;
        }
    }
}
