package dev.meerkat.tls.jdk;

import static dev.meerkat.tls.jdk.JdkTlsEngineTest.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.ServerNames;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class JdkTlsProviderTest {

    @Test
    void isFoundByNameAndAlwaysAvailable() throws Exception {
        TlsProvider provider = TlsProviders.named("jdk");
        Availability availability = provider.availability();

        assertThat(provider).isInstanceOf(JdkTlsProvider.class);
        assertThat(provider.priority()).isEqualTo(10);
        assertThat(availability.available()).isTrue();
        assertThat(availability.library()).startsWith("JDK " + Runtime.version().feature()).endsWith("SunJSSE");
        assertThat(provider.capabilities().versions()).containsExactlyInAnyOrder(TlsVersion.values());
        assertThat(provider.capabilities().alpn()).isTrue();
        assertThat(provider.capabilities().clientAuthentication()).isTrue();
    }

    @Test
    void makesContextsNamedAfterItself() throws Exception {
        try (var context = TlsProviders.named("jdk").newContext(TlsConfig.client().build())) {
            assertThat(context.providerName()).isEqualTo("jdk");
        }
    }

    @Test
    void prefersAesGcmAndKeepsOnlyForwardSecretAeadSuitesForTls12() throws Exception {
        List<String> suites = CipherSuites.preferred(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());

        assertThat(suites).startsWith("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")
                .contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")
                .noneMatch(s -> s.contains("_CBC_") || s.startsWith("TLS_RSA_") || s.startsWith("TLS_DHE_"));
        int lastGcm = suites.stream().filter(s -> s.contains("_GCM_")).mapToInt(suites::indexOf).max().orElseThrow();
        int firstChaCha = suites.stream().filter(s -> s.contains("CHACHA20")).mapToInt(suites::indexOf).min().orElseThrow();
        assertThat(lastGcm).as("every AES-GCM suite before the first ChaCha20 one").isLessThan(firstChaCha);
    }

    @Test
    void usesConfiguredCipherSuites() throws Exception {
        String chacha = "TLS_CHACHA20_POLY1305_SHA256";
        TlsConfig client = TestPki.get().clientConfig().cipherSuites(chacha).build();
        TlsConfig server = TestPki.get().serverConfig(TestPki.get().server()).build();
        try (EnginePair pair = pair(client, server).handshake()) {
            assertThat(pair.server.engine.session().cipherSuite()).isEqualTo(chacha);
        }
    }

    @Test
    void rejectsUnknownCipherSuitesNamingThem() {
        TlsConfig config = TlsConfig.client().cipherSuites("TLS_AES_128_GCM_SHA256", "TLS_MADE_UP").build();

        assertThatThrownBy(() -> TlsProviders.named("jdk").newContext(config))
                .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                .hasMessageContaining("TLS_MADE_UP");
    }

    @Test
    void recognisesIpLiteralsWhichGetNoSni() {
        assertThat(ServerNames.isIpLiteral("127.0.0.1")).isTrue();
        assertThat(ServerNames.isIpLiteral("::1")).isTrue();
        assertThat(ServerNames.isIpLiteral("localhost")).isFalse();
        assertThat(ServerNames.isIpLiteral("1.2.3.example")).isFalse();
    }
}
