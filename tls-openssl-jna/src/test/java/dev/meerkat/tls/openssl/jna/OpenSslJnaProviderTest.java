package dev.meerkat.tls.openssl.jna;

import static dev.meerkat.tls.openssl.jna.OpenSslJnaEngineTest.JNA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Native;
import dev.meerkat.tls.Availability;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.TlsEngine;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Discovery, availability (also without JNA or libssl), and the life cycle of contexts and engines. */
class OpenSslJnaProviderTest {

    private static final String PROVIDER_CLASS = OpenSslJnaProvider.class.getName();

    @Test
    void isFoundByNameAndReportsTheSystemOpenSslVersion() throws Exception {
        TlsProvider provider = TlsProviders.named(JNA);

        assertThat(provider).isInstanceOf(OpenSslJnaProvider.class);
        assertThat(provider.availability().available()).isTrue();
        assertThat(provider.availability().library()).startsWith("OpenSSL 3.");
        assertThat(provider.capabilities().versions()).containsExactlyInAnyOrder(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(provider.capabilities().sessionResumption()).isTrue();
    }

    @Test
    void loadsWithoutJnaAndSaysWhyItIsUnavailable() throws Exception {
        try (URLClassLoader loader = isolatedLoader(false)) {
            assertThat(availabilityIn(loader))
                    .startsWith("Availability[available=false")
                    .contains("system OpenSSL 3 (libssl.so.3) not found: JNA (net.java.dev.jna:jna) is not on the class path");
        }
    }

    @Test
    void saysWhichLibraryIsMissing() throws Exception {
        String property = LibSsl.NAME_PROPERTY;
        System.setProperty(property, "libmeerkat-missing-ssl.so.3");
        try (URLClassLoader loader = isolatedLoader(true)) {
            assertThat(availabilityIn(loader))
                    .startsWith("Availability[available=false")
                    .contains("system OpenSSL 3 (libssl.so.3) not found: UnsatisfiedLinkError")
                    .contains("libmeerkat-missing-ssl.so.3");
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void enginesOutliveTheirContextAndCloseOnce() throws Exception {
        TestPki pki = TestPki.get();
        TlsContext server = TlsProviders.named(JNA).newContext(pki.serverConfig(pki.server()).build());
        TlsContext client = TlsProviders.named(JNA).newContext(pki.clientConfig().build());
        EnginePair pair = EnginePair.on(client, server);
        server.close();
        client.close();
        client.close();

        pair.handshake();
        assertThat(pair.client.engine.session().protocol()).isEqualTo("TLSv1.3");
        pair.close();
        pair.close();
        assertThatThrownBy(() -> client.newEngine("localhost", 443)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pair.client.engine.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /** Every idle connection keeps its session: its names are one shared String each, not a copy per connection. */
    @Test
    void sessionsOfTwoConnectionsShareTheirNames() throws Exception {
        TestPki pki = TestPki.get();
        try (TlsContext server = TlsProviders.named(JNA).newContext(pki.serverConfig(pki.server()).build());
             TlsContext client = TlsProviders.named(JNA).newContext(pki.clientConfig().build())) {
            EnginePair first = EnginePair.on(client, server);
            EnginePair second = EnginePair.on(client, server);
            first.handshake();
            second.handshake();
            TlsSession one = first.server.engine.session();
            TlsSession two = second.server.engine.session();

            assertThat(two.protocol()).isEqualTo("TLSv1.3").isSameAs(one.protocol());
            assertThat(two.cipherSuite()).isNotNull().isSameAs(one.cipherSuite());
            assertThat(two.namedGroup()).isNotNull().isSameAs(one.namedGroup());
            first.close();
            second.close();
        }
    }

    @Test
    void closesAnEngineInTheMiddleOfItsHandshake() throws Exception {
        TestPki pki = TestPki.get();
        try (TlsContext server = TlsProviders.named(JNA).newContext(pki.serverConfig(pki.server()).build());
             TlsContext client = TlsProviders.named(JNA).newContext(pki.clientConfig().build())) {
            int before = NativeCallbacks.registeredEngines();
            EnginePair pair = EnginePair.on(client, server);
            pair.client.flush();
            pair.server.receiveFrom(pair.client);
            assertThat(pair.server.engine.wantsWrap()).isTrue();
            pair.close();
            assertThat(NativeCallbacks.registeredEngines()).isEqualTo(before);
            TlsEngine engine = pair.server.engine;
            assertThat(engine.wantsWrap()).isFalse();
        }
    }

    /** This module's classes and sdk-api's, with or without JNA, and nothing else from the test class path. */
    private static URLClassLoader isolatedLoader(boolean withJna) {
        URL providerClasses = OpenSslJnaProvider.class.getProtectionDomain().getCodeSource().getLocation();
        URL apiClasses = TlsProvider.class.getProtectionDomain().getCodeSource().getLocation();
        URL jna = Native.class.getProtectionDomain().getCodeSource().getLocation();
        URL[] urls = withJna ? new URL[] {providerClasses, apiClasses, jna} : new URL[] {providerClasses, apiClasses};
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    private static String availabilityIn(ClassLoader loader) throws Exception {
        Class<?> providerClass = Class.forName(PROVIDER_CLASS, true, loader);
        assertThat(providerClass.getClassLoader()).isSameAs(loader);
        Object provider = providerClass.getConstructor().newInstance();
        Object availability = providerClass.getMethod("availability").invoke(provider);
        assertThat(availability.getClass().getName()).isEqualTo(Availability.class.getName());
        return availability.toString();
    }
}
