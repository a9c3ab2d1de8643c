package dev.meerkat.tls.mbedtls;

import dev.meerkat.tls.conformance.ConcurrentEngineSuite;

/**
 * The shared concurrency suite for mbedtls: one mbedtls_ssl_config, CTR-DRBG and ticket key shared
 * by every thread's connections (MbedTLS locks the last two itself), resumption by session ticket.
 */
class MbedTlsConcurrencyTest extends ConcurrentEngineSuite {

    @Override
    protected String providerName() {
        return MbedTlsProvider.NAME;
    }
}
