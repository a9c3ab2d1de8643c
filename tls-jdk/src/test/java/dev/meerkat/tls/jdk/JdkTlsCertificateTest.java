package dev.meerkat.tls.jdk;

import static dev.meerkat.tls.jdk.JdkTlsEngineTest.pair;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsConfig.ClientAuth;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Certificate decisions go through PeerVerifier and surface with the same kind on every version. */
class JdkTlsCertificateTest {

    private static final TestPki PKI = TestPki.get();

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void rejectsAServerCertificateForAnotherHost(TlsVersion version) throws Exception {
        assertClientRejects(PKI.wrongHost(), version, Kind.HOSTNAME_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void rejectsAServerCertificateFromAnUnknownCa(TlsVersion version) throws Exception {
        assertClientRejects(PKI.unknownCa(), version, Kind.UNTRUSTED_CERTIFICATE);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void rejectsAnExpiredServerCertificate(TlsVersion version) throws Exception {
        assertClientRejects(PKI.expired(), version, Kind.EXPIRED_CERTIFICATE);
    }

    @Test
    void acceptsAnyServerWhenVerificationIsSkipped() throws Exception {
        TlsConfig client = TlsConfig.client().insecureSkipVerification().build();
        try (EnginePair pair = pair(client, server(PKI.unknownCa()).build()).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates()).containsExactlyElementsOf(PKI.unknownCa().chain());
        }
    }

    @Test
    void verifiesAnIpLiteralAgainstTheCertificatesIpAddresses() throws Exception {
        try (EnginePair pair = EnginePair.of(JdkTlsProvider.NAME, PKI.clientConfig().build(),
                JdkTlsProvider.NAME, server(PKI.server()).build(), "127.0.0.1")
                .handshake()) {
            assertThat(pair.client.engine.isHandshakeComplete()).isTrue();
        }
    }

    @Test
    void verifiesTheConfiguredServerNameInsteadOfTheConnectHost() throws Exception {
        TlsConfig client = PKI.clientConfig().serverName("wrong.example").build();
        try (EnginePair pair = pair(client, server(PKI.wrongHost()).build()).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(PKI.wrongHost().leaf());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void rejectsAClientWithoutCertificateWhenOneIsRequired(TlsVersion version) throws Exception {
        TlsConfig server = server(PKI.server()).versions(version).trustPem(PKI.caPem()).clientAuth(ClientAuth.REQUIRED).build();
        try (EnginePair pair = pair(PKI.clientConfig().versions(version).build(), server).pumpExpectingFailure()) {
            assertThat(pair.server.failure).isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.MISSING_CLIENT_CERTIFICATE);
            assertThat(pair.server.engine.isHandshakeComplete())
                    .as("a server that rejected the client never completes its handshake").isFalse();
            assertThat(pair.client.failure).isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(Kind.PEER_ALERT);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void acceptsATrustedClientCertificateWhenOneIsRequired(TlsVersion version) throws Exception {
        TlsConfig server = server(PKI.server()).versions(version).trustPem(PKI.caPem()).clientAuth(ClientAuth.REQUIRED).build();
        TlsConfig client = PKI.clientConfig().versions(version).keyMaterial(PKI.client()).build();
        try (EnginePair pair = pair(client, server).handshake()) {
            assertThat(pair.server.engine.session().peerCertificates()).containsExactlyElementsOf(PKI.client().chain());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void rejectsAClientCertificateFromAnUnknownCa(TlsVersion version) throws Exception {
        TlsConfig server = server(PKI.server()).versions(version).trustPem(PKI.caPem()).clientAuth(ClientAuth.REQUIRED).build();
        TlsConfig client = PKI.clientConfig().versions(version).keyMaterial(PKI.unknownCa()).build();
        try (EnginePair pair = pair(client, server).pumpExpectingFailure()) {
            assertThat(pair.server.failure).isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
            assertThat(pair.client.failure).isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(Kind.PEER_ALERT);
        }
    }

    @Test
    void acceptsAClientWithoutCertificateWhenOneIsOptional() throws Exception {
        TlsConfig server = server(PKI.server()).trustPem(PKI.caPem()).clientAuth(ClientAuth.OPTIONAL).build();
        try (EnginePair pair = pair(PKI.clientConfig().build(), server).handshake()) {
            assertThat(pair.server.engine.session().peerCertificates()).isEmpty();
        }
    }

    private static TlsConfig.Builder server(KeyMaterial material) {
        return PKI.serverConfig(material);
    }

    private static void assertClientRejects(KeyMaterial serverMaterial, TlsVersion version, Kind expected)
            throws Exception {
        TlsConfig client = PKI.clientConfig().versions(version).build();
        try (EnginePair pair = pair(client, server(serverMaterial).versions(version).build())
                .pumpExpectingFailure()) {
            assertThat(pair.client.failure).as("client failure").isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(expected);
            assertThat(pair.server.failure).as("server failure").isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.PEER_ALERT);
        }
    }
}
