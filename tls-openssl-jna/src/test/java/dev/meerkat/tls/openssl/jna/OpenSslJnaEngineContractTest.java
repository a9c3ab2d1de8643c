package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.conformance.EngineContractSuite;

/** The shared engine contract, openssl-jna (system OpenSSL 3) against itself and against jdk both ways. */
class OpenSslJnaEngineContractTest extends EngineContractSuite {

    @Override
    protected String providerName() {
        return OpenSslJnaProvider.NAME;
    }
}
