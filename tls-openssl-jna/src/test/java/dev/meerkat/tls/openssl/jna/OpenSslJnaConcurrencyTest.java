package dev.meerkat.tls.openssl.jna;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.ConcurrentEngineSuite;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import org.junit.jupiter.api.Test;

/**
 * The shared concurrency suite for openssl-jna (system OpenSSL 3), and what only this backend's
 * native bookkeeping can get wrong.
 */
class OpenSslJnaConcurrencyTest extends ConcurrentEngineSuite {

    @Override
    protected String providerName() {
        return OpenSslJnaProvider.NAME;
    }

    /**
     * A thread may pass newEngine's open check just before another thread closes the context: the
     * engine it then makes must be refused, not built with SSL_new on the freed SSL_CTX.
     */
    @Test
    void anEngineStartedJustBeforeTheLastCloseIsRefusedInsteadOfUsingTheFreedSslContext() throws TlsException {
        TestPki pki = TestPki.get();
        OpenSslJnaContext client = (OpenSslJnaContext) TlsProviders.named(OpenSslJnaProvider.NAME)
                .newContext(pki.clientConfig().build());
        client.close();

        assertThatThrownBy(() -> client.openEngine(EnginePair.HOST, EnginePair.PORT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
