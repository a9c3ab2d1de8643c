package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.Connection;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.ReloadableTlsContext;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server's certificate reloaded without a restart ({@link ReloadableTlsContext}): new connections
 * get the new certificate, a connection opened before keeps its own and keeps working.
 */
public abstract class ReloadCases extends UserTrustCases {

    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    /** For subclasses: a backend names its provider in a few lines. */
    protected ReloadCases() {
    }

    /**
     * Proves a reload takes effect for the next handshake only: a new connection sees the RSA
     * certificate, the connection opened before keeps the first one and still echoes.
     *
     * @param version the TLS version both sides speak
     * @throws Exception when a context or the server cannot be made, or a wait is interrupted
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void reloadedCertificateServesNewConnectionsAndOldOnesKeepWorking(TlsVersion version) throws Exception {
        try (ReloadableTlsContext tls = ReloadableTlsContext.open(TlsProviders.named(providerName()),
                        serverConfig(version, pki.server()));
                EchoServer server = new EchoServer(Options.defaults().withTls(tls));
                TlsContext clientContext = clientContext(clientConfig(version));
                Manager client = new Manager()) {
            Pinger before = new Pinger(client, clientContext, server.port());
            before.ping();
            before.assertServerLeaf(pki.server());
            tls.reload(serverConfig(version, pki.rsaServer()));
            Pinger after = new Pinger(client, clientContext, server.port());
            after.ping();
            after.assertServerLeaf(pki.rsaServer());
            before.ping();
            assertThat(server.handshakes()).as("handshakes on the server").isEqualTo(2);
        }
    }

    /** One client connection polled on the test thread: sends pings and waits for their echo. */
    private static final class Pinger {
        private final Manager client;
        private final EventLog log = new EventLog();
        private final Connection connection;
        private long sent;

        Pinger(Manager client, TlsContext context, int port) {
            this.client = client;
            this.connection = client.connect("tls://127.0.0.1:" + port, Options.defaults().withTls(context),
                    (c, e) -> log.record(e));
        }

        void ping() {
            ScenarioRunner.pollUntil(client, () -> log.session() != null || log.isClosed(),
                    () -> "expected a handshake; " + log);
            connection.send(PING);
            long expected = sent += PING.length;
            ScenarioRunner.pollUntil(client, () -> log.bytes() >= expected || log.isClosed(),
                    () -> "expected " + expected + " echoed bytes; " + log);
            assertThat(log.bytes()).as("echoed bytes; %s", log).isEqualTo(expected);
        }

        void assertServerLeaf(KeyMaterial expected) {
            assertThat(log.session().peerCertificates().get(0)).as("the server's certificate")
                    .isEqualTo(expected.leaf());
        }
    }
}
