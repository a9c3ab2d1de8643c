package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.bc.BcTlsProvider;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link EnginePairHandshake} for provider bc with Bouncy Castle's own pure-Java primitives
 * ({@code BcTlsCrypto}): BC's EC and X25519 instead of SunEC's. Like
 * {@link BcCryptoThroughputBenchmark}, it has no provider parameter and fixes the crypto through
 * the API.
 */
public class BcCryptoHandshakeBenchmark extends EnginePairHandshake {

    @Param({"TLS_1_2", "TLS_1_3"})
    public TlsVersion version;

    @Override
    protected TlsProvider provider() {
        return BcTlsProvider.withCrypto(BcTlsProvider.Crypto.BC);
    }

    @Override
    protected TlsVersion version() {
        return version;
    }
}
