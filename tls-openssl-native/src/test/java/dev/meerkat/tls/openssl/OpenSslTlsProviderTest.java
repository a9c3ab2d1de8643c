package dev.meerkat.tls.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Payload;
import dev.meerkat.tls.conformance.TestPki;
import org.junit.jupiter.api.Test;

class OpenSslTlsProviderTest {

    @Test
    void isFoundByNameAndAvailableWithBoringSsl() throws TlsException {
        TlsProvider provider = TlsProviders.named("openssl");
        Availability availability = provider.availability();
        assertThat(availability.available()).as("reason: %s", availability.reason()).isTrue();
        assertThat(availability.library()).startsWith("BoringSSL").contains("netty-tcnative");
        assertThat(provider.priority()).isEqualTo(30);
        assertThat(provider.capabilities().versions()).containsExactlyInAnyOrder(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
    }

    @Test
    void isTheDefaultWhenNoProviderIsNamed() throws TlsException {
        assertThat(TlsProviders.select(null).name()).isEqualTo("openssl");
    }

    @Test
    void namesTheBundledLibraryOfEachPublishedPlatform() {
        assertThat(NativeLibraryFile.nameFor("Linux", "amd64")).isEqualTo("libnetty_tcnative_linux_x86_64.so");
        assertThat(NativeLibraryFile.nameFor("Linux", "aarch64")).isEqualTo("libnetty_tcnative_linux_aarch_64.so");
        assertThat(NativeLibraryFile.nameFor("Mac OS X", "x86_64")).isEqualTo("libnetty_tcnative_osx_x86_64.jnilib");
        assertThat(NativeLibraryFile.nameFor("Mac OS X", "aarch64")).isEqualTo("libnetty_tcnative_osx_aarch_64.jnilib");
        assertThat(NativeLibraryFile.nameFor("Windows 11", "amd64")).isEqualTo("netty_tcnative_windows_x86_64.dll");
    }

    @Test
    void hasNoLibraryForUnpublishedPlatforms() {
        assertThat(NativeLibraryFile.nameFor("Linux", "s390x")).isNull();
        assertThat(NativeLibraryFile.nameFor("Windows 11", "aarch64")).isNull();
        assertThat(NativeLibraryFile.nameFor("FreeBSD", "amd64")).isNull();
    }

    @Test
    void refusesNewEnginesOnceTheContextIsClosedButKeepsOpenEnginesWorking() throws Exception {
        TestPki pki = TestPki.get();
        var clientContext = TlsProviders.named("openssl").newContext(pki.clientConfig().build());
        var serverContext = TlsProviders.named("openssl").newContext(pki.serverConfig(pki.server()).build());
        try (EnginePair pair = EnginePair.on(clientContext, serverContext)) {
            clientContext.close();
            serverContext.close();
            pair.handshake();
            pair.client.send(new byte[] {1, 2, 3});
            pair.pumpUntilReceived(0, 3);
            assertThatThrownBy(() -> clientContext.newEngine(EnginePair.HOST, 1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void worksWithDirectBuffers() throws Exception {
        TestPki pki = TestPki.get();
        try (var clientContext = TlsProviders.named("openssl").newContext(pki.clientConfig().build());
             var serverContext = TlsProviders.named("openssl").newContext(pki.serverConfig(pki.server()).build());
             EnginePair pair = EnginePair.on(clientContext, serverContext, EnginePair.HOST, EnginePair.Buffers.DIRECT).handshake()) {
            Payload data = Payload.random(200_000, 9);
            pair.client.send(data.bytes());
            pair.server.send(data.bytes());
            pair.pumpUntilReceived(data.length(), data.length());
            assertThat(pair.server.receivedSha256()).isEqualTo(data.sha256());
            assertThat(pair.client.receivedSha256()).isEqualTo(data.sha256());
        }
    }
}
