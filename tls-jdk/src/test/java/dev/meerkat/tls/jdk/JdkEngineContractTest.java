package dev.meerkat.tls.jdk;

import dev.meerkat.tls.conformance.EngineContractSuite;

/** The shared engine contract, jdk against itself. */
class JdkEngineContractTest extends EngineContractSuite {

    @Override
    protected String providerName() {
        return JdkTlsProvider.NAME;
    }
}
