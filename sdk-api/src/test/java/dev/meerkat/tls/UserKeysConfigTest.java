package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.spi.BaseTlsContext;
import dev.meerkat.tls.spi.BaseTlsProvider;
import dev.meerkat.tls.spi.PolicyEnforcement;
import dev.meerkat.tls.spi.TlsEngine;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The user's JSSE objects in a {@link TlsConfig}, as a provider without SSLEngine sees them, and
 * {@link ReloadableTlsContext} over a provider that only counts its contexts.
 */
class UserKeysConfigTest {

    private static final KeyMaterial KEYS = SelfSignedCertificate.generate(List.of("localhost"));

    @Test
    void aProviderWithoutSslEngineRefusesAnSslContextNamingItself() throws Exception {
        TlsConfig config = TlsConfig.client().sslContext(SSLContext.getDefault()).build();
        assertThatThrownBy(() -> new FakeProvider(false).newContext(config))
                .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                .hasMessageContaining("'fake'").hasMessageContaining("SSLContext");
    }

    @Test
    void aProviderWithSslEngineTakesAnSslContext() throws Exception {
        TlsConfig config = TlsConfig.server(SSLContext.getDefault()).build();
        try (TlsContext context = new FakeProvider(true).newContext(config)) {
            assertThat(context.config().sslContext()).isSameAs(SSLContext.getDefault());
        }
    }

    @Test
    void keysComeFromOneSource() throws Exception {
        assertThatThrownBy(() -> TlsConfig.server(KEYS).sslContext(SSLContext.getDefault()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keys from one source");
    }

    @Test
    void aTrustManagerReplacesTheSystemStore() throws Exception {
        TlsConfig config = TlsConfig.client().trustManager(new NoTrust()).build();
        assertThat(config.trustSystem()).isFalse();
        assertThat(config.peerVerifier().acceptedIssuers()).isEmpty();
    }

    @Test
    void reloadServesTheNewConfigAndClosesTheOldContext() throws Exception {
        FakeProvider provider = new FakeProvider(false);
        TlsConfig second = TlsConfig.server(SelfSignedCertificate.generate(List.of("other"))).build();
        try (ReloadableTlsContext context = ReloadableTlsContext.open(provider, TlsConfig.server(KEYS).build())) {
            FakeContext first = provider.last;
            context.reload(second);
            assertThat(context.config()).isSameAs(second);
            assertThat(first.closed).as("the first context is closed").isTrue();
            assertThat(provider.last.closed).as("the new context is open").isFalse();
        }
        assertThat(provider.last.closed).as("closed with the reloadable context").isTrue();
    }

    @Test
    void reloadRefusesAnotherRole() throws Exception {
        try (ReloadableTlsContext context = ReloadableTlsContext.open(new FakeProvider(false), TlsConfig.server(KEYS).build())) {
            assertThatThrownBy(() -> context.reload(TlsConfig.client().build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a SERVER config");
        }
    }

    /** A provider whose contexts make no engines: enough to see configs refused, made and closed. */
    private static final class FakeProvider extends BaseTlsProvider {
        private final boolean takesJsse;
        private FakeContext last;

        FakeProvider(boolean takesJsse) {
            super("fake", 0, new Capabilities(EnumSet.allOf(TlsVersion.class), true, true, true, true));
            this.takesJsse = takesJsse;
        }

        @Override
        protected boolean takesJsse() {
            return takesJsse;
        }

        @Override
        public Availability availability() {
            return Availability.available("test");
        }

        @Override
        public PolicyEnforcement policy() {
            return PolicyEnforcement.full();
        }

        @Override
        protected TlsContext openContext(TlsConfig config) {
            last = new FakeContext(config);
            return last;
        }
    }

    private static final class FakeContext extends BaseTlsContext {
        private boolean closed;

        FakeContext(TlsConfig config) {
            super("fake", config);
        }

        @Override
        protected TlsEngine openEngine(String peerHost, int peerPort) {
            throw new UnsupportedOperationException("no engines in this test");
        }

        @Override
        protected void release() {
            closed = true;
        }
    }

    private static final class NoTrust implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            throw new CertificateException("trusts nothing");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            throw new CertificateException("trusts nothing");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
