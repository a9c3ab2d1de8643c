package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsConfig.ClientAuth;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.TlsFailures;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Certificate decisions every provider shares, against the generated test PKI. */
class PeerVerifierTest {

    private final TestPki pki = TestPki.get();

    private PeerVerifier client() {
        return pki.clientConfig().build().peerVerifier();
    }

    private PeerVerifier server(ClientAuth mode) throws TlsException {
        return pki.serverConfig(pki.server()).trustPem(pki.caPem()).clientAuth(mode).build().peerVerifier();
    }

    private static X509Certificate[] array(KeyMaterial m) {
        return m.chain().toArray(new X509Certificate[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "127.0.0.1", "::1", "[::1]"})
    void acceptsTheServerForEachOfItsNames(String host) {
        assertThatCode(() -> client().verifyServer(pki.server().chain(), host)).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheLeafWithoutItsCaAndAnRsaServer() {
        assertThatCode(() -> client().verifyServer(List.of(pki.server().leaf()), "localhost")).doesNotThrowAnyException();
        assertThatCode(() -> client().verifyServer(pki.rsaServer().chain(), "localhost")).doesNotThrowAnyException();
    }

    @Test
    void acceptsALeafThatIsItselfTrusted() throws TlsException {
        PeerVerifier pinned = TlsConfig.client().trustCertificates(List.of(pki.server().leaf())).build().peerVerifier();

        pinned.verifyServer(pki.server().chain(), "localhost");
    }

    @Test
    void rejectsAWrongHostNamingBothNames() {
        assertKind(() -> client().verifyServer(pki.wrongHost().chain(), "localhost"), Kind.HOSTNAME_MISMATCH,
                "expected a certificate for localhost", "DNS:wrong.example");
        assertKind(() -> client().verifyServer(pki.server().chain(), "127.0.0.2"), Kind.HOSTNAME_MISMATCH,
                "127.0.0.2", "DNS:localhost", "IP:127.0.0.1");
    }

    @Test
    void usesTheConfiguredServerNameWhenNoHostIsGiven() {
        PeerVerifier named = pki.clientConfig().serverName("wrong.example").build().peerVerifier();

        assertThatCode(() -> named.verifyServer(pki.wrongHost().chain(), null)).doesNotThrowAnyException();
        assertKind(() -> client().verifyServer(pki.server().chain(), null), Kind.HOSTNAME_MISMATCH, "none was given");
    }

    @Test
    void rejectsAnUnknownCa() {
        assertKind(() -> client().verifyServer(pki.unknownCa().chain(), "localhost"), Kind.UNTRUSTED_CERTIFICATE,
                "certificate for localhost is not trusted", "Meerkat Untrusted CA");
        assertKind(() -> client().verifyServer(List.of(pki.unknownCa().leaf()), "localhost"),
                Kind.UNTRUSTED_CERTIFICATE, "certificate for localhost is not trusted");
    }

    @Test
    void rejectsAnExpiredCertificate() {
        assertKind(() -> client().verifyServer(pki.expired().chain(), "localhost"), Kind.EXPIRED_CERTIFICATE,
                "certificate for localhost expired on 2021-01-01");
    }

    @Test
    void rejectsAnEmptyServerChain() {
        assertKind(() -> client().verifyServer(List.of(), "localhost"), Kind.UNTRUSTED_CERTIFICATE, "sent no certificate");
    }

    @Test
    void rejectsACertificateWhoseKeyUsageIsForTheOtherSide() throws TlsException {
        assertKind(() -> client().verifyServer(pki.client().chain(), "localhost"), Kind.UNTRUSTED_CERTIFICATE,
                "expected extended key usage serverAuth");
        assertKind(() -> server(ClientAuth.REQUIRED).verifyClient(pki.server().chain()), Kind.UNTRUSTED_CERTIFICATE,
                "expected extended key usage clientAuth");
    }

    @Test
    void skippingHostnameChecksStillChecksTheChain() {
        PeerVerifier noHostname = pki.clientConfig().insecureSkipHostnameVerification().build().peerVerifier();

        assertThatCode(() -> noHostname.verifyServer(pki.wrongHost().chain(), "localhost")).doesNotThrowAnyException();
        assertKind(() -> noHostname.verifyServer(pki.unknownCa().chain(), "localhost"), Kind.UNTRUSTED_CERTIFICATE,
                "certificate for localhost is not trusted");
    }

    @Test
    void insecureSkipVerificationAcceptsEverything() throws TlsException {
        PeerVerifier insecure = TlsConfig.client().insecureSkipVerification().build().peerVerifier();

        for (KeyMaterial m : List.of(pki.wrongHost(), pki.unknownCa(), pki.expired(), pki.client())) {
            insecure.verifyServer(m.chain(), "localhost");
        }
        insecure.verifyServer(List.of(), "localhost");
    }

    @Test
    void systemTrustDoesNotTrustTheTestCa() {
        PeerVerifier system = TlsConfig.client().build().peerVerifier();

        assertThat(system.acceptedIssuers()).isNotEmpty().doesNotContain(pki.server().chain().get(1));
        assertKind(() -> system.verifyServer(pki.server().chain(), "localhost"), Kind.UNTRUSTED_CERTIFICATE,
                "certificate for localhost is not trusted");
    }

    @Test
    void acceptedIssuersAreTheConfiguredAnchors() {
        assertThat(client().acceptedIssuers()).containsExactly(pki.server().chain().get(1));
    }

    @Test
    void requiredClientAuthAcceptsTheClientAndRejectsNone() throws TlsException {
        server(ClientAuth.REQUIRED).verifyClient(pki.client().chain());

        assertKind(() -> server(ClientAuth.REQUIRED).verifyClient(List.of()), Kind.MISSING_CLIENT_CERTIFICATE,
                "client sent none");
    }

    @Test
    void optionalClientAuthAcceptsNoCertificateButChecksOne() throws TlsException {
        server(ClientAuth.OPTIONAL).verifyClient(List.of());

        assertKind(() -> server(ClientAuth.OPTIONAL).verifyClient(pki.expired().chain()), Kind.EXPIRED_CERTIFICATE,
                "client certificate CN=localhost expired on");
    }

    @Test
    void aServerWithoutClientAuthVerifiesNothing() throws TlsException {
        pki.serverConfig(pki.server()).build().peerVerifier().verifyClient(pki.unknownCa().chain());
    }

    @Test
    void trustManagerCarriesTheTlsExceptionAsCause() {
        X509ExtendedTrustManager tm = client().asTrustManager("localhost");

        assertThatThrownBy(() -> tm.checkServerTrusted(array(pki.unknownCa()), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("not trusted")
                .cause().isInstanceOfSatisfying(TlsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE));
        assertThat(tm.getAcceptedIssuers()).containsExactly(pki.server().chain().get(1));
    }

    @Test
    void trustManagerTakesTheEnginePeerHostWhenGivenNone() throws Exception {
        X509ExtendedTrustManager tm = client().asTrustManager(null);
        SSLEngine localhost = SSLContext.getDefault().createSSLEngine("localhost", 443);
        SSLEngine other = SSLContext.getDefault().createSSLEngine("other.example", 443);

        tm.checkServerTrusted(array(pki.server()), "ECDHE_ECDSA", localhost);
        assertThatThrownBy(() -> tm.checkServerTrusted(array(pki.server()), "ECDHE_ECDSA", other))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("other.example");
    }

    @Test
    void findCauseRecoversTheKindThroughJsseWrapping() {
        TlsException decided = new TlsException(Kind.HOSTNAME_MISMATCH, "decided by the verifier");
        SSLHandshakeException wrapped = new SSLHandshakeException("handshake failed");
        wrapped.initCause(new CertificateException("check failed", decided));

        assertThat(TlsFailures.findCause(wrapped)).isSameAs(decided);
        assertThat(TlsFailures.findCause(new SSLHandshakeException("no cause"))).isNull();
        assertThat(TlsFailures.findCause(null)).isNull();
    }

    @Test
    void trustManagerChecksClientsWithTheServerConfig() throws Exception {
        X509ExtendedTrustManager tm = server(ClientAuth.REQUIRED).asTrustManager(null);

        tm.checkClientTrusted(array(pki.client()), "EC");
        assertThatThrownBy(() -> tm.checkClientTrusted(new X509Certificate[0], "EC"))
                .isInstanceOf(CertificateException.class)
                .cause().isInstanceOfSatisfying(TlsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.MISSING_CLIENT_CERTIFICATE));
    }

    private static void assertKind(ThrowingCallable call, Kind kind, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TlsException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            for (String part : messageParts) {
                assertThat(e).hasMessageContaining(part);
            }
        });
    }
}
