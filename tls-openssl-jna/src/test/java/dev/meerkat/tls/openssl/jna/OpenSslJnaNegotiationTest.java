package dev.meerkat.tls.openssl.jna;

import static dev.meerkat.tls.openssl.jna.OpenSslJnaEngineTest.JNA;
import static dev.meerkat.tls.openssl.jna.OpenSslJnaEngineTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.EngineSide;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.TestPki;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ALPN, SNI, versions, cipher suites and session resumption. */
class OpenSslJnaNegotiationTest {

    static Stream<Pairing> pairs() {
        return OpenSslJnaEngineTest.pairs();
    }

    static Stream<Pairing> jnaServers() {
        return OpenSslJnaCertificateTest.jnaServers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jnaServers")
    void failsTheHandshakeWhenNoAlpnProtocolIsShared(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (EnginePair pair = pairing.pair(pki.clientConfig().alpn("h2"),
                pki.serverConfig(pki.server()).alpn("http/1.1")).pumpExpectingFailure()) {
            assertThat(pair.server.failure).isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.HANDSHAKE);
            assertThat(pair.client.failure).isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(Kind.PEER_ALERT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void resumesTheSessionOfAnEarlierConnectionToTheSamePeer(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (TlsContext clientContext = pairing.clientContext(pki.clientConfig());
             TlsContext serverContext = pairing.serverContext(pki.serverConfig(pki.server()))) {
            try (EnginePair first = EnginePair.on(clientContext, serverContext).handshake()) {
                // TLS 1.3 tickets come after the handshake, with the first data.
                first.server.send(bytes("ticket carrier"));
                first.pumpUntilQuiet();
                assertThat(first.client.engine.session().resumed()).isFalse();
            }
            try (EnginePair second = EnginePair.on(clientContext, serverContext).handshake()) {
                assertThat(second.client.engine.session().resumed()).isTrue();
                assertThat(second.server.engine.session().resumed()).isTrue();
                assertThat(second.client.engine.session().peerCertificates()).isEqualTo(pki.server().chain());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void failsWithoutACommonVersion(Pairing pairing)
            throws Exception {
        TlsVersion other = pairing.version() == TlsVersion.TLS_1_2 ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(pairing.version()).build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(other).build();
        try (EnginePair pair = EnginePair.of(pairing.clientProvider(), client, pairing.serverProvider(), server)
                .pumpExpectingFailure()) {
            EngineSide jna = pairing.isClient(JNA) ? pair.client : pair.server;
            assertThat(jna.failure).isNotNull();
            assertThat(jna.failure.kind()).isIn(Kind.HANDSHAKE, Kind.PEER_ALERT);
        }
    }

    @Test
    void usesTheConfiguredCipherSuite() throws Exception {
        TestPki pki = TestPki.get();
        String suite = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
        TlsConfig client = pki.clientConfig().cipherSuites(suite).build();
        TlsConfig server = pki.serverConfig(pki.server()).build();
        try (EnginePair pair = EnginePair.of(JNA, client, JNA, server).handshake()) {
            assertThat(pair.client.engine.session().cipherSuite()).isEqualTo(suite);
            assertThat(pair.client.engine.session().version()).isEqualTo(TlsVersion.TLS_1_2);
        }
    }

    @Test
    void rejectsAnUnknownCipherSuiteAsConfigurationError() {
        TlsConfig client = TestPki.get().clientConfig().cipherSuites("TLS_NOT_A_SUITE").build();
        assertThatThrownBy(() -> TlsProviders.named(JNA).newContext(client))
                .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION))
                .hasMessageContaining("TLS_NOT_A_SUITE");
    }
}
