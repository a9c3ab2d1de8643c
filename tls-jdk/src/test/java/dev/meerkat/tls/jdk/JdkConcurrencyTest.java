package dev.meerkat.tls.jdk;

import dev.meerkat.tls.conformance.ConcurrentEngineSuite;

/** The shared concurrency suite: jdk engines of shared contexts on several threads at once. */
class JdkConcurrencyTest extends ConcurrentEngineSuite {

    @Override
    protected String providerName() {
        return JdkTlsProvider.NAME;
    }
}
