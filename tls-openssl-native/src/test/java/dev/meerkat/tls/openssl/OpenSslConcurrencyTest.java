package dev.meerkat.tls.openssl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.ConcurrentEngineSuite;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import org.junit.jupiter.api.Test;

/**
 * The shared concurrency suite for openssl (BoringSSL through tcnative), and what only this
 * backend's native bookkeeping can get wrong.
 */
class OpenSslConcurrencyTest extends ConcurrentEngineSuite {

    @Override
    protected String providerName() {
        return OpenSslTlsProvider.NAME;
    }

    /**
     * Callbacks find their engine by SSL address, and a freed SSL's address may go to another
     * thread's next SSL at once: a closing engine must unregister itself only, never the new owner.
     */
    @Test
    void aClosingEngineLeavesTheNewOwnerOfItsSslAddressRegistered() throws TlsException {
        TestPki pki = TestPki.get();
        try (TlsContext client = newContext(pki.clientConfig().build());
             TlsContext server = newContext(pki.serverConfig(pki.server()).build());
             EnginePair pair = EnginePair.on(client, server)) {
            OpenSslEngine closing = (OpenSslEngine) client.newEngine(EnginePair.HOST, EnginePair.PORT);
            long reusedAddress = ((OpenSslEngine) pair.client.engine).sslAddress();

            ((OpenSslContext) client).engineClosing(closing, reusedAddress);
            closing.close();

            pair.handshake();
            assertThat(pair.client.engine.session().peerCertificates()).first().isEqualTo(pki.server().leaf());
        }
    }

    private static TlsContext newContext(TlsConfig config) throws TlsException {
        return TlsProviders.named(OpenSslTlsProvider.NAME).newContext(config);
    }
}
