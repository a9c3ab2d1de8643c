package dev.meerkat.tls.openssl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsConfig.ClientAuth;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.TestPki;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Certificate decisions come from the shared PeerVerifier, so an openssl endpoint rejects the same
 * peers with the same {@link Kind} as the jdk provider, and its peer sees a fatal alert.
 */
class OpenSslCertificateTest {

    /** openssl as the client, against openssl and jdk servers. */
    static Stream<Pairing> opensslClients() {
        return Pairing.asClient(OpenSslTlsProvider.NAME, "jdk");
    }

    /** openssl as the server, against openssl and jdk clients. */
    static Stream<Pairing> opensslServers() {
        return Pairing.asServer(OpenSslTlsProvider.NAME, "jdk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslClients")
    void clientRejectsACertificateForAnotherHost(Pairing pairing) throws Exception {
        assertClientRejects(pairing, TestPki.get().wrongHost(), Kind.HOSTNAME_MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslClients")
    void clientRejectsAnExpiredCertificate(Pairing pairing) throws Exception {
        assertClientRejects(pairing, TestPki.get().expired(), Kind.EXPIRED_CERTIFICATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslClients")
    void clientRejectsACertificateFromAnUnknownCa(Pairing pairing) throws Exception {
        assertClientRejects(pairing, TestPki.get().unknownCa(), Kind.UNTRUSTED_CERTIFICATE);
    }

    private static void assertClientRejects(Pairing pairing, KeyMaterial serverKeys, Kind expected) throws Exception {
        TestPki pki = TestPki.get();
        try (EnginePair pair = pairing.pair(pki.clientConfig(), pki.serverConfig(serverKeys)).pumpExpectingFailure()) {
            assertThat(pair.client.failure).as("client failure").isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(expected);
            assertThat(pair.client.engine.isHandshakeComplete()).isFalse();
            if (pairing.version() == TlsVersion.TLS_1_2) {
                // In TLS 1.3 the server finished its side before the client judged the certificate.
                assertThat(pair.server.failure).as("server failure").isNotNull();
                assertThat(pair.server.failure.kind()).isEqualTo(Kind.PEER_ALERT);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslServers")
    void serverRequiringAClientCertificateRejectsAClientWithout(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (EnginePair pair = pairing.pair(pki.clientConfig(), clientCertificateRequired()).pumpExpectingFailure()) {
            assertThat(pair.server.failure).as("server failure").isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.MISSING_CLIENT_CERTIFICATE);
            assertThat(pair.client.failure).as("client failure").isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(Kind.PEER_ALERT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslServers")
    void serverRequiringAClientCertificateAcceptsATrustedOne(Pairing pairing) throws Exception {
        assertClientCertificateAccepted(pairing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslClients")
    void clientSendsItsCertificateWhenTheServerAsks(Pairing pairing) throws Exception {
        assertClientCertificateAccepted(pairing);
    }

    private static void assertClientCertificateAccepted(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (EnginePair pair = pairing.pair(pki.clientConfig().keyMaterial(pki.client()), clientCertificateRequired())
                .handshake()) {
            assertThat(pair.server.engine.session().peerCertificates().get(0)).isEqualTo(pki.client().leaf());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslClients")
    void insecureClientAcceptsAnyCertificate(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        try (EnginePair pair = pairing.pair(TlsConfig.client().insecureSkipVerification(),
                pki.serverConfig(pki.unknownCa())).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(pki.unknownCa().leaf());
        }
    }

    private static TlsConfig.Builder clientCertificateRequired() {
        TestPki pki = TestPki.get();
        return pki.serverConfig(pki.server()).clientAuth(ClientAuth.REQUIRED)
                .trustCertificates(pki.client().chain().subList(1, 2));
    }
}
