package dev.meerkat.tls.mbedtls;

import dev.meerkat.tls.conformance.TlsConformanceSuite;

/** The shared conformance suite, run against provider "mbedtls". */
class MbedTlsConformanceTest extends TlsConformanceSuite {

    @Override
    protected String providerName() {
        return MbedTlsProvider.NAME;
    }
}
