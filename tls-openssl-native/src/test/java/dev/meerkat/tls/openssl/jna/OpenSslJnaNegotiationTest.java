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
import dev.meerkat.tls.conformance.TestPki;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ALPN, SNI, versions, cipher suites and session resumption. */
class OpenSslJnaNegotiationTest {

    static Stream<Arguments> pairs() {
        return OpenSslJnaEngineTest.pairs();
    }

    static Stream<Arguments> jnaServers() {
        return OpenSslJnaCertificateTest.jnaServers();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairs")
    void agreesOnTheServersPreferredAlpnProtocolTheClientOffers(String clientProvider, String serverProvider,
                                                                 TlsVersion version) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).alpn("h2", "http/1.1").build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).alpn("http/1.1", "h2").build();
        try (EnginePair pair = EnginePair.of(clientProvider, client, serverProvider, server).handshake()) {
            assertThat(pair.client.engine.session().applicationProtocol()).isEqualTo("http/1.1");
            assertThat(pair.server.engine.session().applicationProtocol()).isEqualTo("http/1.1");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("jnaServers")
    void failsTheHandshakeWhenNoAlpnProtocolIsShared(String clientProvider, String serverProvider,
                                                     TlsVersion version) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).alpn("h2").build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).alpn("http/1.1").build();
        try (EnginePair pair = EnginePair.of(clientProvider, client, serverProvider, server).pumpExpectingFailure()) {
            assertThat(pair.server.failure).isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.HANDSHAKE);
            assertThat(pair.client.failure).isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(Kind.PEER_ALERT);
        }
    }

    /** The server picks its certificate by the SNI name: wrong.example gets the wrong-host certificate. */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairs")
    void presentsTheCertificateForTheRequestedServerName(String clientProvider, String serverProvider,
                                                         TlsVersion version) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version)
                .sniKeyMaterial("Wrong.Example", pki.wrongHost()).build();
        TlsConfig byName = pki.clientConfig().versions(version).serverName("wrong.example").build();
        try (EnginePair pair = EnginePair.of(clientProvider, byName, serverProvider, server).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(pki.wrongHost().leaf());
        }
        TlsConfig byDefault = pki.clientConfig().versions(version).build();
        try (EnginePair pair = EnginePair.of(clientProvider, byDefault, serverProvider, server).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(pki.server().leaf());
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairs")
    void resumesTheSessionOfAnEarlierConnectionToTheSamePeer(String clientProvider, String serverProvider,
                                                             TlsVersion version) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).build();
        try (TlsContext clientContext = TlsProviders.named(clientProvider).newContext(client);
             TlsContext serverContext = TlsProviders.named(serverProvider).newContext(server)) {
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

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairs")
    void failsWithoutACommonVersion(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        TlsVersion other = version == TlsVersion.TLS_1_2 ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(other).build();
        try (EnginePair pair = EnginePair.of(clientProvider, client, serverProvider, server).pumpExpectingFailure()) {
            EnginePair.Side jna = JNA.equals(clientProvider) ? pair.client : pair.server;
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
