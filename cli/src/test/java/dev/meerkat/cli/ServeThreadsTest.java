package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.Connection;
import dev.meerkat.EventListener;
import dev.meerkat.Manager;
import dev.meerkat.tls.TlsSession;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code meerkat serve --threads}: one port served by several loops, with TLS on every provider. */
@Timeout(120)
class ServeThreadsTest {
    /** The kernel spreads SO_REUSEPORT connections by a hash of their ports: 30 on one loop has odds of 2^-29. */
    private static final int CONNECTIONS = 30;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.meerkat.cli.RealPeerProviders#names")
    void twoThreadsServeHttpsOnBothLoops(String provider) throws Exception {
        RealPeerProviders.require(provider);
        Files.writeString(dir.resolve("index.html"), "hello from every loop\n");
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0",
                "--tls", provider, "--threads", "2", "--quiet")) {
            List<Manager> loops = server.group().managers();
            assertThat(loops).hasSize(2);
            List<Queue<String>> handshakes = List.of(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
            for (int i = 0; i < 2; i++) {
                Queue<String> providers = handshakes.get(i);
                loops.get(i).eventListener(new EventListener() {
                    @Override
                    public void handshakeFinished(Connection connection, TlsSession session) {
                        providers.add(session.provider());
                    }
                });
            }
            SSLContext client = trusting(server.certificateFile());
            for (int i = 0; i < CONNECTIONS; i++) {
                assertThat(get(client, server.port())).startsWith("HTTP/1.1 200 OK\r\n")
                        .endsWith("hello from every loop\n");
            }
            assertThat(handshakes.get(0).size() + handshakes.get(1).size()).isEqualTo(CONNECTIONS);
            assertThat(handshakes).allSatisfy(providers -> assertThat(providers).as("handshakes on a loop")
                    .isNotEmpty().containsOnly(provider));
        }
    }

    @Test
    void threadsDefaultToTheNumberOfCores() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (ServeCommand.Running server = ServeCommand.parse(List.of("--dir", dir.toString(), "--listen",
                "http://127.0.0.1:0")).start(new PrintStream(said, true, StandardCharsets.UTF_8))) {
            int cores = Runtime.getRuntime().availableProcessors();
            assertThat(server.group().managers()).hasSize(cores);
            assertThat(said.toString(StandardCharsets.UTF_8)).contains(" with " + cores + (cores == 1 ? " thread" : " threads"));
        }
    }

    private static String get(SSLContext context, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** A client context that trusts the certificate serve generated. */
    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("serve", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
