package dev.meerkat.tls.mbedtls;

import dev.meerkat.tls.conformance.NativeLeakSuite;

/**
 * Every mbedtls_ssl_context (with its two 16 KiB record buffers), config, certificate, key, DRBG
 * and ticket key is freed: the shared native leak test on mbedtls.
 */
class MbedTlsLeakTest extends NativeLeakSuite {

    @Override
    protected String providerName() {
        return MbedTlsProvider.NAME;
    }

    @Override
    protected int registeredEngines() {
        return MbedCallbacks.registeredEngines();
    }
}
