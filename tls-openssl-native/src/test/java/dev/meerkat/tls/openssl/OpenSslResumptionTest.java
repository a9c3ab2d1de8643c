package dev.meerkat.tls.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsConfig.ClientAuth;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.TestPki;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session resumption: TLS 1.2 (tickets, RFC 5077) and TLS 1.3 (tickets as PSK, RFC 8446 section
 * 2.2), openssl against itself and against jdk both ways. The client keeps one session per
 * "host:port" in its context; both sides must report {@link TlsSession#resumed()} truthfully.
 */
class OpenSslResumptionTest {

    private static final String OPENSSL = OpenSslTlsProvider.NAME;

    static Stream<Pairing> pairings() {
        return Pairing.all(OPENSSL, "jdk");
    }

    static Stream<Pairing> opensslServers() {
        return Pairing.asServer(OPENSSL, "jdk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void resumesTheSessionOfAnEarlierConnectionToTheSamePeer(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (TlsContext clientContext = pairing.clientContext(pki.clientConfig());
             TlsContext serverContext = pairing.serverContext(pki.serverConfig(pki.server()))) {
            try (EnginePair first = connectAndTakeTickets(clientContext, serverContext, EnginePair.PORT)) {
                assertThat(first.client.engine.session().resumed()).isFalse();
                assertThat(first.server.engine.session().resumed()).isFalse();
            }
            try (EnginePair second = EnginePair.on(clientContext, serverContext).handshake()) {
                assertResumed(second, pairing.version());
                assertThat(second.client.engine.session().peerCertificates()).isEqualTo(pki.server().chain());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void doesNotResumeAcrossPorts(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (TlsContext clientContext = pairing.clientContext(pki.clientConfig());
             TlsContext serverContext = pairing.serverContext(pki.serverConfig(pki.server()))) {
            connectAndTakeTickets(clientContext, serverContext, EnginePair.PORT).close();
            try (EnginePair other = EnginePair.ofEngines(clientContext.newEngine(EnginePair.HOST, EnginePair.PORT + 1),
                    serverContext.newEngine(null, 0)).handshake()) {
                assertThat(other.client.engine.session().resumed()).isFalse();
                assertThat(other.server.engine.session().resumed()).isFalse();
            }
        }
    }

    /** Each server context has its own random ticket keys and session cache: a ticket is no use elsewhere. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslServers")
    void doesNotResumeWithAnotherServerContext(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (TlsContext clientContext = pairing.clientContext(pki.clientConfig());
             TlsContext serverContext = pairing.serverContext(pki.serverConfig(pki.server()));
             TlsContext otherServerContext = pairing.serverContext(pki.serverConfig(pki.server()))) {
            connectAndTakeTickets(clientContext, serverContext, EnginePair.PORT).close();
            try (EnginePair other = EnginePair.on(clientContext, otherServerContext).handshake()) {
                assertThat(other.client.engine.session().resumed()).isFalse();
                assertThat(other.server.engine.session().resumed()).isFalse();
            }
        }
    }

    /** Like the JDK, a connection that failed takes its peer's session with it. */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void forgetsThePeersSessionWhenAConnectionToItFails(TlsVersion version) throws Exception {
        OpenSslContext clientContext = opensslContext(TestPki.get().clientConfig(), version);
        try (clientContext;
             TlsContext serverContext = opensslContext(TestPki.get().serverConfig(TestPki.get().server()), version)) {
            connectAndTakeTickets(clientContext, serverContext, EnginePair.PORT).close();
            try (EnginePair failing = connectAndTakeTickets(clientContext, serverContext, EnginePair.PORT)) {
                assertThat(clientContext.clientSessions().size()).isEqualTo(1);
                byte[] forgedRecord = {23, 3, 3, 0, 32, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
                failing.client.expectFailure(() -> failing.client.receive(ByteBuffer.wrap(forgedRecord)));
            }
            assertThat(clientContext.clientSessions().size()).isZero();
        }
    }

    /** Under client authentication the server's resumed session still names the client's certificate. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void resumesUnderClientAuthenticationWithThePeersChain(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig.Builder server = pki.serverConfig(pki.server()).clientAuth(ClientAuth.REQUIRED)
                .trustCertificates(pki.client().chain().subList(1, 2));
        try (TlsContext clientContext = pairing.clientContext(pki.clientConfig().keyMaterial(pki.client()));
             TlsContext serverContext = pairing.serverContext(server)) {
            connectAndTakeTickets(clientContext, serverContext, EnginePair.PORT).close();
            try (EnginePair second = EnginePair.on(clientContext, serverContext).handshake()) {
                assertResumed(second, pairing.version());
                assertThat(second.server.engine.session().peerCertificates().get(0)).isEqualTo(pki.client().leaf());
            }
        }
    }

    /** A TLS 1.3 ticket is used once (RFC 8446 appendix C.4); the resumed connection brings the next. */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void resumesConnectionAfterConnection(TlsVersion version) throws Exception {
        try (TlsContext clientContext = opensslContext(TestPki.get().clientConfig(), version);
             TlsContext serverContext = opensslContext(TestPki.get().serverConfig(TestPki.get().server()), version)) {
            connectAndTakeTickets(clientContext, serverContext, EnginePair.PORT).close();
            for (int i = 0; i < 3; i++) {
                try (EnginePair next = connectAndTakeTickets(clientContext, serverContext, EnginePair.PORT)) {
                    assertResumed(next, version);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void closingTheContextFreesItsSessionsAndKeepsNoLaterOne(TlsVersion version) throws Exception {
        OpenSslContext clientContext = opensslContext(TestPki.get().clientConfig(), version);
        try (TlsContext serverContext = opensslContext(TestPki.get().serverConfig(TestPki.get().server()), version)) {
            connectAndTakeTickets(clientContext, serverContext, EnginePair.PORT).close();
            assertThat(clientContext.clientSessions().size()).isEqualTo(1);
            try (EnginePair open = EnginePair.on(clientContext, serverContext)) {
                clientContext.close();
                assertThat(clientContext.clientSessions().size()).isZero();
                open.handshake();
                open.server.send(bytes("ticket carrier"));
                open.pumpUntilQuiet();
                assertThat(open.client.engine.session().resumed()).isTrue();
                assertThat(clientContext.clientSessions().size()).isZero();
            }
            assertThatThrownBy(() -> clientContext.newEngine(EnginePair.HOST, EnginePair.PORT))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void keepsTheSessionsOfAtMostCapacityPeers() throws Exception {
        OpenSslContext clientContext = opensslContext(TestPki.get().clientConfig(), TlsVersion.TLS_1_2);
        try (clientContext;
             TlsContext serverContext = opensslContext(TestPki.get().serverConfig(TestPki.get().server()),
                     TlsVersion.TLS_1_2)) {
            int peers = ClientSessionCache.CAPACITY + 10;
            for (int port = 1; port <= peers; port++) {
                connectAndTakeTickets(clientContext, serverContext, port).close();
            }
            assertThat(clientContext.clientSessions().size()).isEqualTo(ClientSessionCache.CAPACITY);
            try (EnginePair evicted = connectAndTakeTickets(clientContext, serverContext, 1);
                 EnginePair kept = connectAndTakeTickets(clientContext, serverContext, peers)) {
                assertThat(evicted.client.engine.session().resumed()).isFalse();
                assertThat(kept.client.engine.session().resumed()).isTrue();
            }
        }
    }

    @Test
    void reportsResumptionAsACapability() throws TlsException {
        assertThat(TlsProviders.named(OPENSSL).capabilities().sessionResumption()).isTrue();
    }

    /** Handshake, then data from the server: TLS 1.3 tickets arrive after the handshake, ahead of that data. */
    private static EnginePair connectAndTakeTickets(TlsContext clientContext, TlsContext serverContext, int port)
            throws TlsException {
        EnginePair pair = EnginePair.ofEngines(clientContext.newEngine(EnginePair.HOST, port),
                serverContext.newEngine(null, 0));
        try {
            pair.handshake();
            pair.server.send(bytes("ticket carrier"));
            pair.pumpUntilQuiet();
            return pair;
        } catch (TlsException | RuntimeException | AssertionError e) {
            pair.close();
            throw e;
        }
    }

    private static void assertResumed(EnginePair pair, TlsVersion version) {
        assertThat(pair.client.engine.session().version()).isEqualTo(version);
        assertThat(pair.client.engine.session().resumed()).as("client resumed").isTrue();
        assertThat(pair.server.engine.session().resumed()).as("server resumed").isTrue();
    }

    private static OpenSslContext opensslContext(TlsConfig.Builder config, TlsVersion version) throws TlsException {
        return (OpenSslContext) TlsProviders.named(OPENSSL).newContext(config.versions(version).build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
