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
import dev.meerkat.tls.spi.TlsPolicy;
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
    void enablesThePolicysSuitesInItsOrder() throws Exception {
        List<String> suites = List.of(CipherSuites.enabled(TlsConfig.client().build(), SSLContext.getDefault()));

        assertThat(suites).containsExactlyElementsOf(concat(TlsPolicy.SUITES, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));
    }

    @Test
    void refusesASuiteOutsideThePolicy() {
        TlsConfig config = TlsConfig.client().cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA").build();

        assertThatThrownBy(() -> TlsProviders.named("jdk").newContext(config))
                .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                .hasMessageContaining("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
    }

    private static List<String> concat(List<String> suites, String last) {
        List<String> all = new java.util.ArrayList<>(suites);
        all.add(last);
        return all;
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
