package dev.meerkat.tls.openssl.jna;

import static dev.meerkat.tls.openssl.jna.OpenSslJnaEngineTest.JDK;
import static dev.meerkat.tls.openssl.jna.OpenSslJnaEngineTest.JNA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsConfig.ClientAuth;
import dev.meerkat.tls.TlsException;
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
 * Certificate decisions go through the shared verifier and fail with the same kinds as every
 * provider: the side that rejects names the reason, its peer sees PEER_ALERT.
 */
class OpenSslJnaCertificateTest {

    static Stream<Arguments> pairs() {
        return OpenSslJnaEngineTest.pairs();
    }

    /** openssl-jna as the client, against either server. */
    static Stream<Arguments> jnaClients() {
        List<Arguments> all = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            all.add(Arguments.of(JNA, JNA, version));
            all.add(Arguments.of(JNA, JDK, version));
        }
        return all.stream();
    }

    /** openssl-jna as the server, against either client. */
    static Stream<Arguments> jnaServers() {
        List<Arguments> all = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            all.add(Arguments.of(JNA, JNA, version));
            all.add(Arguments.of(JDK, JNA, version));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("jnaClients")
    void rejectsAServerCertificateForAnotherHost(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        assertClientRejects(clientProvider, serverProvider, version, TestPki.get().wrongHost(), Kind.HOSTNAME_MISMATCH);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("jnaClients")
    void rejectsAServerCertificateFromAnUnknownCa(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        assertClientRejects(clientProvider, serverProvider, version, TestPki.get().unknownCa(),
                Kind.UNTRUSTED_CERTIFICATE);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("jnaClients")
    void rejectsAnExpiredServerCertificate(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        assertClientRejects(clientProvider, serverProvider, version, TestPki.get().expired(), Kind.EXPIRED_CERTIFICATE);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("jnaServers")
    void requiresAClientCertificateWhenConfigured(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        try (EnginePair pair = mutualPair(clientProvider, serverProvider, version, null).pumpExpectingFailure()) {
            assertThat(pair.server.failure).isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.MISSING_CLIENT_CERTIFICATE);
            assertThat(pair.client.failure).as("the client hears of it").isNotNull();
            if (JNA.equals(clientProvider)) {
                assertThat(pair.client.failure.kind()).isEqualTo(Kind.PEER_ALERT);
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("jnaServers")
    void rejectsAClientCertificateFromAnUnknownCa(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        try (EnginePair pair = mutualPair(clientProvider, serverProvider, version, TestPki.get().unknownCa())
                .pumpExpectingFailure()) {
            assertThat(pair.server.failure).isNotNull();
            assertThat(pair.server.failure.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairs")
    void authenticatesBothSidesWithClientCertificate(String clientProvider, String serverProvider,
                                                     TlsVersion version) throws Exception {
        try (EnginePair pair = mutualPair(clientProvider, serverProvider, version, TestPki.get().client()).handshake()) {
            assertThat(pair.server.engine.session().peerCertificates()).isEqualTo(TestPki.get().client().chain());
            assertThat(pair.client.engine.session().peerCertificates()).isEqualTo(TestPki.get().server().chain());
        }
    }

    private static void assertClientRejects(String clientProvider, String serverProvider, TlsVersion version,
                                            KeyMaterial serverMaterial, Kind expected) throws TlsException {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).build();
        TlsConfig server = pki.serverConfig(serverMaterial).versions(version).build();
        try (EnginePair pair = EnginePair.of(clientProvider, client, serverProvider, server).pumpExpectingFailure()) {
            assertThat(pair.client.failure).isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(expected);
            // A TLS 1.3 OpenSSL client sends this alert unencrypted (it has not switched its write key
            // yet); the JDK server cannot read that and reports PROTOCOL, so only openssl-jna's kind is pinned.
            assertThat(pair.server.failure).as("the server hears of it").isNotNull();
            if (JNA.equals(serverProvider)) {
                assertThat(pair.server.failure.kind()).isEqualTo(Kind.PEER_ALERT);
            }
        }
    }

    private static EnginePair mutualPair(String clientProvider, String serverProvider, TlsVersion version,
                                         KeyMaterial clientMaterial) throws TlsException {
        TestPki pki = TestPki.get();
        TlsConfig.Builder client = pki.clientConfig().versions(version);
        if (clientMaterial != null) {
            client.keyMaterial(clientMaterial);
        }
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).clientAuth(ClientAuth.REQUIRED)
                .trustCertificates(pki.clientConfig().build().trustedCertificates()).build();
        return EnginePair.of(clientProvider, client.build(), serverProvider, server);
    }
}
