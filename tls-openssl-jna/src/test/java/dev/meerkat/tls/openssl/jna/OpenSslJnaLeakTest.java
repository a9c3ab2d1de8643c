package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.conformance.NativeLeakSuite;

/** Every SSL, BIO, SSL_CTX, X509 and EVP_PKEY is freed: the shared native leak test on openssl-jna. */
class OpenSslJnaLeakTest extends NativeLeakSuite {

    @Override
    protected String providerName() {
        return OpenSslJnaProvider.NAME;
    }

    @Override
    protected int registeredEngines() {
        return NativeCallbacks.registeredEngines();
    }
}
