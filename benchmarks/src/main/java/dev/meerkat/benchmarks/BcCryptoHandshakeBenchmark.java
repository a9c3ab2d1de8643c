package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.bc.BcTlsProvider;

/**
 * {@link EnginePairHandshake} for provider bc with Bouncy Castle's own pure-Java primitives
 * ({@code BcTlsCrypto}): BC's EC and X25519 instead of SunEC's. Like
 * {@link BcCryptoThroughputBenchmark}, it has no provider parameter and fixes the crypto through
 * the API.
 */
public class BcCryptoHandshakeBenchmark extends EnginePairHandshake {

    @Override
    protected TlsProvider provider() {
        return BcTlsProvider.withCrypto(BcTlsProvider.Crypto.BC);
    }
}
