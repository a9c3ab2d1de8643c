package dev.meerkat.tls.mbedtls;

import dev.meerkat.tls.conformance.EngineContractSuite;

/** The shared engine contract, mbedtls (system MbedTLS 2.28) against itself and against jdk both ways. */
class MbedTlsEngineContractTest extends EngineContractSuite {

    @Override
    protected String providerName() {
        return MbedTlsProvider.NAME;
    }
}
