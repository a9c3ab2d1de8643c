package dev.meerkat.tls.openssl;

import dev.meerkat.tls.conformance.EngineContractSuite;

/** The shared engine contract, openssl (BoringSSL) against itself and against jdk both ways. */
class OpenSslEngineContractTest extends EngineContractSuite {

    @Override
    protected String providerName() {
        return OpenSslTlsProvider.NAME;
    }
}
