package dev.meerkat.tls.openssl.jna;

import static dev.meerkat.tls.openssl.jna.OpenSslJnaEngineTest.JDK;
import static dev.meerkat.tls.openssl.jna.OpenSslJnaEngineTest.JNA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsConfig.ClientAuth;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.TestPki;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Certificate decisions go through the shared verifier and fail with the same kinds as every
 * provider: the side that rejects names the reason, its peer sees PEER_ALERT.
 */
class OpenSslJnaCertificateTest {

    static Stream<Pairing> pairs() {
        return OpenSslJnaEngineTest.pairs();
    }

    /** openssl-jna as the client, against either server. */
    static Stream<Pairing> jnaClients() {
        return Pairing.asClient(JNA, JDK);
    }

    /** openssl-jna as the server, against either client. */
    static Stream<Pairing> jnaServers() {
        return Pairing.asServer(JNA, JDK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jnaClients")
    void rejectsAServerCertificateForAnotherHost(Pairing pairing) throws Exception {
        assertClientRejects(pairing, TestPki.get().wrongHost(), Kind.HOSTNAME_MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jnaClients")
    void rejectsAServerCertificateFromAnUnknownCa(Pairing pairing) throws Exception {
        assertClientRejects(pairing, TestPki.get().unknownCa(), Kind.UNTRUSTED_CERTIFICATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jnaClients")
    void rejectsAnExpiredServerCertificate(Pairing pairing) throws Exception {
        assertClientRejects(pairing, TestPki.get().expired(), Kind.EXPIRED_CERTIFICATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jnaServers")
    void requiresAClientCertificateWhenConfigured(Pairing pairing) throws Exception {
        try (EnginePair pair = mutualPair(pairing, null).pumpExpectingFailure()) {
            assertThat(pair.server.failure).isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.MISSING_CLIENT_CERTIFICATE);
            assertThat(pair.client.failure).as("the client hears of it").isNotNull();
            if (pairing.isClient(JNA)) {
                assertThat(pair.client.failure.kind()).isEqualTo(Kind.PEER_ALERT);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jnaServers")
    void rejectsAClientCertificateFromAnUnknownCa(Pairing pairing) throws Exception {
        try (EnginePair pair = mutualPair(pairing, TestPki.get().unknownCa()).pumpExpectingFailure()) {
            assertThat(pair.server.failure).isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void authenticatesBothSidesWithClientCertificate(Pairing pairing) throws Exception {
        try (EnginePair pair = mutualPair(pairing, TestPki.get().client()).handshake()) {
            assertThat(pair.server.engine.session().peerCertificates()).isEqualTo(TestPki.get().client().chain());
            assertThat(pair.client.engine.session().peerCertificates()).isEqualTo(TestPki.get().server().chain());
        }
    }

    private static void assertClientRejects(Pairing pairing, KeyMaterial serverMaterial, Kind expected)
            throws TlsException {
        TestPki pki = TestPki.get();
        try (EnginePair pair = pairing.pair(pki.clientConfig(), pki.serverConfig(serverMaterial))
                .pumpExpectingFailure()) {
            assertThat(pair.client.failure).isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(expected);
            // A TLS 1.3 OpenSSL client sends this alert unencrypted (it has not switched its write key
            // yet); the JDK server cannot read that and reports PROTOCOL, so only openssl-jna's kind is pinned.
            assertThat(pair.server.failure).as("the server hears of it").isNotNull();
            if (pairing.isServer(JNA)) {
                assertThat(pair.server.failure.kind()).isEqualTo(Kind.PEER_ALERT);
            }
        }
    }

    private static EnginePair mutualPair(Pairing pairing, KeyMaterial clientMaterial) throws TlsException {
        TestPki pki = TestPki.get();
        TlsConfig.Builder client = pki.clientConfig();
        if (clientMaterial != null) {
            client.keyMaterial(clientMaterial);
        }
        TlsConfig.Builder server = pki.serverConfig(pki.server()).clientAuth(ClientAuth.REQUIRED)
                .trustCertificates(pki.clientConfig().build().trustedCertificates());
        return pairing.pair(client, server);
    }
}
