package dev.meerkat.tls.bc;

import dev.meerkat.tls.conformance.EngineContractSuite;

/** The shared engine contract, bc against itself and against jdk both ways. */
class BcEngineContractTest extends EngineContractSuite {

    @Override
    protected String providerName() {
        return BcTlsProvider.NAME;
    }
}
