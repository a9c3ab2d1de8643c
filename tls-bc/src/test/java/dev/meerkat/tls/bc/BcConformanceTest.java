package dev.meerkat.tls.bc;

import dev.meerkat.tls.conformance.TlsConformanceSuite;

/** The shared conformance suite, run against the "bc" provider. */
class BcConformanceTest extends TlsConformanceSuite {

    @Override
    protected String providerName() {
        return "bc";
    }
}
