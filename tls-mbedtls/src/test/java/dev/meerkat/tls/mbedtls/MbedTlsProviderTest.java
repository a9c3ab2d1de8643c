package dev.meerkat.tls.mbedtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Native;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.PolicyRule;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Discovery, availability (also without JNA or the library), the policy it states, and the life cycle. */
class MbedTlsProviderTest {

    @Test
    void isFoundByNameAndReportsTheSystemLibraryAndTls12Only() throws Exception {
        TlsProvider provider = TlsProviders.named(MbedTlsProvider.NAME);

        assertThat(provider).isInstanceOf(MbedTlsProvider.class);
        assertThat(provider.availability().available()).as("%s", provider.availability()).isTrue();
        assertThat(provider.availability().library()).startsWith("mbed TLS 2.28.");
        assertThat(provider.capabilities().versions()).containsExactly(TlsVersion.TLS_1_2);
        assertThat(provider.policy().how(PolicyRule.VERSIONS)).contains("TLSv1.2 only");
        assertThat(provider.policy().enforces(PolicyRule.TLS12_SUITES)).isTrue();
        assertThat(provider.policy().enforces(PolicyRule.CLIENT_RENEGOTIATION)).isTrue();
    }

    @Test
    void refusesAConfigOfTls13OnlyNamingTheReason() {
        TestPki pki = TestPki.get();
        assertThatThrownBy(() -> TlsProviders.named(MbedTlsProvider.NAME)
                .newContext(pki.clientConfig().versions(TlsVersion.TLS_1_3).build()))
                .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                .hasMessageContaining("MbedTLS 2.28 speaks TLS 1.2 only");
    }

    @Test
    void loadsWithoutJnaAndSaysWhyItIsUnavailable() throws Exception {
        assertThat(availabilityIn(false)).startsWith("Availability[available=false")
                .contains("system MbedTLS 2.28 (libmbedtls.so.14) not found: JNA (net.java.dev.jna:jna) is not on the class path");
    }

    @Test
    void saysWhichLibraryIsMissing() throws Exception {
        System.setProperty(LibMbedCrypto.NAME_PROPERTY, "libmeerkat-missing-mbedcrypto.so.7");
        try {
            assertThat(availabilityIn(true)).startsWith("Availability[available=false")
                    .contains("not found: UnsatisfiedLinkError").contains("libmeerkat-missing-mbedcrypto.so.7");
        } finally {
            System.clearProperty(LibMbedCrypto.NAME_PROPERTY);
        }
    }

    @Test
    void enginesOutliveTheirContextAndCloseOnce() throws Exception {
        TestPki pki = TestPki.get();
        TlsContext server = TlsProviders.named(MbedTlsProvider.NAME).newContext(pki.serverConfig(pki.server()).build());
        TlsContext client = TlsProviders.named(MbedTlsProvider.NAME).newContext(pki.clientConfig().build());
        EnginePair pair = EnginePair.on(client, server);
        server.close();
        client.close();

        pair.handshake();
        assertThat(pair.client.engine.session().protocol()).isEqualTo("TLSv1.2");
        pair.close();
        pair.close();
        assertThat(MbedCallbacks.registeredEngines()).isZero();
        assertThatThrownBy(() -> client.newEngine("localhost", 443)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pair.client.engine.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /** The provider's availability, loaded with only this module's classes, sdk-api's and (or not) JNA. */
    private static String availabilityIn(boolean withJna) throws Exception {
        URL provider = MbedTlsProvider.class.getProtectionDomain().getCodeSource().getLocation();
        URL api = TlsProvider.class.getProtectionDomain().getCodeSource().getLocation();
        URL jna = Native.class.getProtectionDomain().getCodeSource().getLocation();
        URL[] urls = withJna ? new URL[] {provider, api, jna} : new URL[] {provider, api};
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(MbedTlsProvider.class.getName(), true, loader);
            Object instance = type.getConstructor().newInstance();
            return type.getMethod("availability").invoke(instance).toString();
        }
    }
}
