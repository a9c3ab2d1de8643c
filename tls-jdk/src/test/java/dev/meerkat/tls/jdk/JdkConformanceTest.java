package dev.meerkat.tls.jdk;

import dev.meerkat.tls.conformance.TlsConformanceSuite;

/** The shared conformance suite, run against the "jdk" provider. */
class JdkConformanceTest extends TlsConformanceSuite {

    @Override
    protected String providerName() {
        return "jdk";
    }
}
