package dev.meerkat.tls.openssl;

import dev.meerkat.tls.conformance.TlsConformanceSuite;

/** The shared conformance suite, run against provider "openssl". */
class OpenSslConformanceTest extends TlsConformanceSuite {

    @Override
    protected String providerName() {
        return "openssl";
    }
}
