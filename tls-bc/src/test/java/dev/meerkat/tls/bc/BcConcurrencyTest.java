package dev.meerkat.tls.bc;

import dev.meerkat.tls.conformance.ConcurrentEngineSuite;

/** The shared concurrency suite: bc engines of shared contexts on several threads at once. */
class BcConcurrencyTest extends ConcurrentEngineSuite {

    @Override
    protected String providerName() {
        return BcTlsProvider.NAME;
    }

    /** BcTlsContext caches TLS 1.2 sessions only: a TLS 1.3 connection always does a full handshake. */
    @Override
    protected boolean resumesTls13Sessions() {
        return false;
    }
}
