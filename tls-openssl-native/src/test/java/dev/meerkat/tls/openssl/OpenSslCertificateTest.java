package dev.meerkat.tls.openssl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsConfig.ClientAuth;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.TestPki;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Certificate decisions come from the shared PeerVerifier, so an openssl endpoint rejects the same
 * peers with the same {@link Kind} as the jdk provider, and its peer sees a fatal alert.
 */
class OpenSslCertificateTest {

    static Stream<Arguments> peers() {
        List<Arguments> all = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            all.add(Arguments.of("openssl", version));
            all.add(Arguments.of("jdk", version));
        }
        return all.stream();
    }

    private static EnginePair clientFacing(String serverProvider, TlsVersion version, KeyMaterial serverKeys)
            throws Exception {
        TestPki pki = TestPki.get();
        return new EnginePair("openssl", pki.clientConfig().versions(version).build(),
                serverProvider, pki.serverConfig(serverKeys).versions(version).build());
    }

    @ParameterizedTest(name = "openssl client, {0} server, {1}")
    @MethodSource("peers")
    void clientRejectsACertificateForAnotherHost(String serverProvider, TlsVersion version) throws Exception {
        assertClientRejects(serverProvider, version, TestPki.get().wrongHost(), Kind.HOSTNAME_MISMATCH);
    }

    @ParameterizedTest(name = "openssl client, {0} server, {1}")
    @MethodSource("peers")
    void clientRejectsAnExpiredCertificate(String serverProvider, TlsVersion version) throws Exception {
        assertClientRejects(serverProvider, version, TestPki.get().expired(), Kind.EXPIRED_CERTIFICATE);
    }

    @ParameterizedTest(name = "openssl client, {0} server, {1}")
    @MethodSource("peers")
    void clientRejectsACertificateFromAnUnknownCa(String serverProvider, TlsVersion version) throws Exception {
        assertClientRejects(serverProvider, version, TestPki.get().unknownCa(), Kind.UNTRUSTED_CERTIFICATE);
    }

    private static void assertClientRejects(String serverProvider, TlsVersion version, KeyMaterial serverKeys,
                                            Kind expected) throws Exception {
        try (EnginePair pair = clientFacing(serverProvider, version, serverKeys).pumpExpectingFailure()) {
            assertThat(pair.client.failure).as("client failure").isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(expected);
            assertThat(pair.client.engine.isHandshakeComplete()).isFalse();
            if (version == TlsVersion.TLS_1_2) {
                // In TLS 1.3 the server finished its side before the client judged the certificate.
                assertThat(pair.server.failure).as("server failure").isNotNull();
                assertThat(pair.server.failure.kind()).isEqualTo(Kind.PEER_ALERT);
            }
        }
    }

    @ParameterizedTest(name = "{0} client, openssl server, {1}")
    @MethodSource("peers")
    void serverRequiringAClientCertificateRejectsAClientWithout(String clientProvider, TlsVersion version)
            throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).clientAuth(ClientAuth.REQUIRED)
                .trustCertificates(pki.client().chain().subList(1, 2)).build();
        try (EnginePair pair = new EnginePair(clientProvider, client, "openssl", server).pumpExpectingFailure()) {
            assertThat(pair.server.failure).as("server failure").isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.MISSING_CLIENT_CERTIFICATE);
            assertThat(pair.client.failure).as("client failure").isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(Kind.PEER_ALERT);
        }
    }

    @ParameterizedTest(name = "{0} client, openssl server, {1}")
    @MethodSource("peers")
    void serverRequiringAClientCertificateAcceptsATrustedOne(String clientProvider, TlsVersion version)
            throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).keyMaterial(pki.client()).build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).clientAuth(ClientAuth.REQUIRED)
                .trustCertificates(pki.client().chain().subList(1, 2)).build();
        try (EnginePair pair = new EnginePair(clientProvider, client, "openssl", server).handshake()) {
            assertThat(pair.server.engine.session().peerCertificates().get(0)).isEqualTo(pki.client().leaf());
        }
    }

    @ParameterizedTest(name = "openssl client, {0} server, {1}")
    @MethodSource("peers")
    void clientSendsItsCertificateWhenTheServerAsks(String serverProvider, TlsVersion version) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).keyMaterial(pki.client()).build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).clientAuth(ClientAuth.REQUIRED)
                .trustCertificates(pki.client().chain().subList(1, 2)).build();
        try (EnginePair pair = new EnginePair("openssl", client, serverProvider, server).handshake()) {
            assertThat(pair.server.engine.session().peerCertificates().get(0)).isEqualTo(pki.client().leaf());
        }
    }

    @ParameterizedTest(name = "openssl client, {0} server, {1}")
    @MethodSource("peers")
    void insecureClientAcceptsAnyCertificate(String serverProvider, TlsVersion version) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = TlsConfig.client().insecureSkipVerification().versions(version).build();
        TlsConfig server = pki.serverConfig(pki.unknownCa()).versions(version).build();
        try (EnginePair pair = new EnginePair("openssl", client, serverProvider, server).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(pki.unknownCa().leaf());
        }
    }
}
