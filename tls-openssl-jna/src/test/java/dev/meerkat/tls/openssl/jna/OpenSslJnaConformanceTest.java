package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.conformance.TlsConformanceSuite;

/** The shared conformance suite, run against provider "openssl-jna". */
class OpenSslJnaConformanceTest extends TlsConformanceSuite {

    @Override
    protected String providerName() {
        return OpenSslJnaProvider.NAME;
    }
}
