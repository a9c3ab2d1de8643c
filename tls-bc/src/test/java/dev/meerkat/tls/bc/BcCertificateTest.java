package dev.meerkat.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.TestPki;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Certificate decisions come from the shared PeerVerifier and keep its kinds through BC's alerts. */
class BcCertificateTest {

    static Stream<Pairing> pairings() {
        return BcTlsEngineTest.pairings();
    }

    private static EnginePair pumped(Pairing pairing, TlsConfig.Builder client, TlsConfig.Builder server)
            throws TlsException {
        return pairing.pair(client, server).pumpExpectingFailure();
    }

    private static EnginePair withServerKey(Pairing pairing, KeyMaterial serverKey) throws TlsException {
        TestPki pki = TestPki.get();
        return pumped(pairing, pki.clientConfig(), pki.serverConfig(serverKey));
    }

    private static void assertClientRefused(EnginePair pair, Kind kind) {
        assertThat(pair.client.failure).as("client failure").isNotNull();
        assertThat(pair.client.failure.kind()).isEqualTo(kind);
        assertThat(pair.server.failure).as("server failure").isNotNull();
        assertThat(pair.server.failure.kind()).isEqualTo(Kind.PEER_ALERT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void rejectsACertificateForAnotherHost(Pairing pairing) throws Exception {
        assertClientRefused(withServerKey(pairing, TestPki.get().wrongHost()), Kind.HOSTNAME_MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void rejectsAnExpiredCertificate(Pairing pairing) throws Exception {
        assertClientRefused(withServerKey(pairing, TestPki.get().expired()), Kind.EXPIRED_CERTIFICATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void rejectsACertificateFromAnUnknownCa(Pairing pairing) throws Exception {
        assertClientRefused(withServerKey(pairing, TestPki.get().unknownCa()), Kind.UNTRUSTED_CERTIFICATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void acceptsAnyCertificateWhenVerificationIsOff(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        EnginePair pair = pumped(pairing, TlsConfig.client().insecureSkipVerification(),
                pki.serverConfig(pki.unknownCa()));
        assertThat(pair.client.failure).isNull();
        assertThat(pair.client.engine.isHandshakeComplete()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void failsWhenARequiredClientCertificateIsMissing(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        EnginePair pair = pumped(pairing, pki.clientConfig(), mtlsServer());

        assertThat(pair.server.failure).as("server failure").isNotNull();
        assertThat(pair.server.failure.kind()).isEqualTo(Kind.MISSING_CLIENT_CERTIFICATE);
        assertThat(pair.client.failure).as("client failure").isNotNull();
        assertThat(pair.client.failure.kind()).isEqualTo(Kind.PEER_ALERT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void authenticatesAClientCertificate(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        EnginePair pair = pumped(pairing, pki.clientConfig().keyMaterial(pki.client()), mtlsServer());

        assertThat(pair.server.failure).isNull();
        assertThat(pair.client.failure).isNull();
        assertThat(pair.server.engine.session().peerCertificates()).first().isEqualTo(pki.client().leaf());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void rejectsAClientCertificateFromAnUnknownCa(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        EnginePair pair = pumped(pairing, pki.clientConfig().keyMaterial(pki.unknownCa()), mtlsServer());

        assertThat(pair.server.failure).as("server failure").isNotNull();
        assertThat(pair.server.failure.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
    }

    private static TlsConfig.Builder mtlsServer() throws TlsException {
        TestPki pki = TestPki.get();
        return pki.serverConfig(pki.server()).trustPem(pki.caPem()).clientAuth(TlsConfig.ClientAuth.REQUIRED);
    }
}
