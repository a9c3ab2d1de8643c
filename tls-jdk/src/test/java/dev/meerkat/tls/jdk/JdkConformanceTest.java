package dev.meerkat.tls.jdk;

import dev.meerkat.tls.conformance.TlsConformanceSuite;

/** The shared conformance suite, run against the "jdk" provider. */
class JdkConformanceTest extends TlsConformanceSuite {

    @Override
    protected String providerName() {
        return "jdk";
    }

    /** SunJSSE has no record_overflow: it refuses a record too big as unexpected_message. */
    @Override
    protected String overflowAlertAfterHandshake() {
        return "unexpected_message";
    }
}
