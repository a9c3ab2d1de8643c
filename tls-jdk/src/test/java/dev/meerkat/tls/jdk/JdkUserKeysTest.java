package dev.meerkat.tls.jdk;

import static dev.meerkat.tls.jdk.JdkTlsEngineTest.pair;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.JsseStores;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.TlsPolicy;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The user's own JSSE objects on "jdk": an SSLContext, a KeyManager, a TrustManager, built here as a
 * user would from key stores. The TLS policy and the shared host name check still apply.
 */
class JdkUserKeysTest {

    private static final TestPki PKI = TestPki.get();
    private static final X509Certificate CA = ca();

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void serverAndClientOnTheirOwnSslContextsKeepThePolicy(TlsVersion version) throws Exception {
        TlsConfig server = TlsConfig.server(sslContext(PKI.server(), null)).versions(version).build();
        TlsConfig client = TlsConfig.client().sslContext(sslContext(null, CA)).versions(version).build();
        try (EnginePair pair = pair(client, server).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(PKI.server().leaf());
            assertThat(pair.client.engine.session().version()).isEqualTo(version);
            assertThat(TlsPolicy.SUITES).contains(pair.client.engine.session().cipherSuite());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void clientOnItsOwnSslContextStillChecksTheHostName(TlsVersion version) throws Exception {
        TlsConfig client = TlsConfig.client().sslContext(sslContext(null, CA)).versions(version).build();
        assertClientFails(client, PKI.wrongHost(), Kind.HOSTNAME_MISMATCH);
    }

    @Test
    void clientOnItsOwnSslContextRejectsWhatItsTrustManagerRejects() throws Exception {
        TlsConfig client = TlsConfig.client().sslContext(sslContext(null, CA)).build();
        assertClientFails(client, PKI.unknownCa(), Kind.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void serverOnAKeyManager() throws Exception {
        TlsConfig server = TlsConfig.server(JsseStores.keyManager(PKI.server())).build();
        try (EnginePair pair = pair(PKI.clientConfig().build(), server).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(PKI.server().leaf());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void trustManagerDecidesTheChainAndTheHostNameIsStillChecked(TlsVersion version) throws Exception {
        TlsConfig client = TlsConfig.client().trustManager(JsseStores.trustManager(CA)).versions(version).build();
        try (EnginePair pair = pair(client, TlsConfig.server(PKI.server()).build()).handshake()) {
            assertThat(pair.client.engine.isHandshakeComplete()).isTrue();
        }
        assertClientFails(client, PKI.unknownCa(), Kind.UNTRUSTED_CERTIFICATE);
        assertClientFails(client, PKI.wrongHost(), Kind.HOSTNAME_MISMATCH);
        assertClientFails(client, PKI.expired(), Kind.EXPIRED_CERTIFICATE);
    }

    private static void assertClientFails(TlsConfig client, KeyMaterial serverKeys, Kind kind) throws Exception {
        try (EnginePair pair = pair(client, TlsConfig.server(serverKeys).build()).pumpExpectingFailure()) {
            assertThat(pair.client.failure).as("client failure against %s", serverKeys.leaf().getSubjectX500Principal())
                    .isNotNull();
            assertThat(pair.client.failure.kind()).as("%s", pair.client.failure).isEqualTo(kind);
        }
    }

    private static X509Certificate ca() {
        try {
            return JsseStores.caCertificate(PKI);
        } catch (Exception e) {
            throw new IllegalStateException("expected the test CA", e);
        }
    }

    /** A SunJSSE context as a user makes one: keys from a PKCS#12 store, trust from another. */
    private static SSLContext sslContext(KeyMaterial keys, X509Certificate trusted) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : new X509KeyManager[] {JsseStores.keyManager(keys)},
                trusted == null ? null : new X509TrustManager[] {JsseStores.trustManager(trusted)}, null);
        return context;
    }
}
