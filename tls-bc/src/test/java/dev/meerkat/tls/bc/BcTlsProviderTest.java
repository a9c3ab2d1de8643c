package dev.meerkat.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.JsseStores;
import dev.meerkat.tls.conformance.Payload;
import dev.meerkat.tls.conformance.TestPki;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BcTlsProviderTest {

    @Test
    void isFoundByServiceLoaderWithItsVersion() throws Exception {
        TlsProvider provider = TlsProviders.named("bc");

        assertThat(provider).isInstanceOf(BcTlsProvider.class);
        assertThat(provider.priority()).isEqualTo(5);
        assertThat(provider.availability().available()).isTrue();
        assertThat(provider.availability().library()).isEqualTo("Bouncy Castle 1.84");
        assertThat(provider.capabilities().versions()).containsExactlyInAnyOrder(TlsVersion.values());
    }

    /** BC's low-level API takes keys as KeyMaterial: the user's SSLContext and KeyManager are refused, by name. */
    @Test
    void refusesTheUsersSslContextAndKeyManagerNamingItself() throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig withContext = TlsConfig.client().sslContext(SSLContext.getDefault()).build();
        TlsConfig withKeyManager = TlsConfig.server(JsseStores.keyManager(pki.server())).build();
        for (TlsConfig config : List.of(withContext, withKeyManager)) {
            assertThatThrownBy(() -> new BcTlsProvider().newContext(config))
                    .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                    .hasMessageContaining("TLS provider 'bc' cannot use");
        }
    }

    @Test
    void usesJcaCryptoByDefaultAndBcCryptoWhenThePropertyAsks() throws Exception {
        TestPki pki = TestPki.get();
        assertThat(((BcTlsContext) new BcTlsProvider().newContext(pki.clientConfig().build())).crypto())
                .isInstanceOf(JcaTlsCrypto.class);
        String before = System.getProperty(BcTlsProvider.CRYPTO_PROPERTY);
        try {
            System.setProperty(BcTlsProvider.CRYPTO_PROPERTY, "bc");
            assertThat(((BcTlsContext) new BcTlsProvider().newContext(pki.clientConfig().build())).crypto())
                    .isInstanceOf(BcTlsCrypto.class);
            System.setProperty(BcTlsProvider.CRYPTO_PROPERTY, "openssl");
            assertThatThrownBy(() -> new BcTlsProvider().newContext(pki.clientConfig().build()))
                    .isInstanceOfSatisfying(TlsException.class,
                            e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                    .hasMessageContaining("expected meerkat.tls.bc.crypto to be jca or bc but was 'openssl'");
        } finally {
            restore(before);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void bcCryptoHandshakesAndTransfersWithoutRegisteringAJcaProvider(TlsVersion version) throws Exception {
        List<String> providersBefore = providerNames();
        TestPki pki = TestPki.get();
        BcTlsProvider bc = BcTlsProvider.withCrypto(BcTlsProvider.Crypto.BC);
        Payload data = Payload.random(256 * 1024, 9);
        try (TlsContext client = bc.newContext(pki.clientConfig().versions(version).build());
             TlsContext server = bc.newContext(pki.serverConfig(pki.server()).versions(version).build());
             EnginePair pair = EnginePair.on(client, server).handshake()) {
            pair.client.send(data.bytes());
            pair.pumpUntilQuiet();

            assertThat(((BcTlsContext) client).crypto()).isInstanceOf(BcTlsCrypto.class);
            assertThat(pair.server.receivedSha256()).isEqualTo(data.sha256());
            assertThat(providerNames()).isEqualTo(providersBefore).doesNotContain("BC");
        }
    }

    @Test
    void jcaCryptoLeavesTheJvmProviderListAlone() throws Exception {
        List<String> providersBefore = providerNames();
        TestPki pki = TestPki.get();
        try (TlsContext client = new BcTlsProvider().newContext(pki.clientConfig().build());
             TlsContext server = new BcTlsProvider().newContext(pki.serverConfig(pki.server()).build());
             EnginePair pair = EnginePair.on(client, server).handshake()) {
            assertThat(pair.client.engine.isHandshakeComplete()).isTrue();
            assertThat(providerNames()).isEqualTo(providersBefore);
        }
    }

    /** The provider class must load and explain itself when the BC jars are not on the class path. */
    @Test
    void reportsItselfUnavailableWithoutTheBouncyCastleJars() throws Exception {
        URL api = TlsProvider.class.getProtectionDomain().getCodeSource().getLocation();
        URL bcProvider = BcTlsProvider.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {api, bcProvider}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("org.bouncycastle.tls.TlsClientProtocol"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> type = loader.loadClass(BcTlsProvider.class.getName());
            Object provider = type.getConstructor().newInstance();
            Object availability = type.getMethod("availability").invoke(provider);

            assertThat(availability.getClass().getMethod("available").invoke(availability)).isEqualTo(false);
            assertThat((String) availability.getClass().getMethod("reason").invoke(availability))
                    .contains("Bouncy Castle TLS classes are missing").contains("NoClassDefFoundError: org/bouncycastle/");
        }
    }

    private static List<String> providerNames() {
        return Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty(BcTlsProvider.CRYPTO_PROPERTY);
        } else {
            System.setProperty(BcTlsProvider.CRYPTO_PROPERTY, value);
        }
    }
}
