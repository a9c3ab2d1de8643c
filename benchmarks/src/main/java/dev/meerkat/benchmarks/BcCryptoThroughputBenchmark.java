package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.bc.BcTlsProvider;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link EnginePairThroughput} for provider bc with Bouncy Castle's own pure-Java primitives
 * ({@code BcTlsCrypto}) instead of the JDK's JCA: the price of keeping every primitive inside BC.
 * It has no provider parameter, so {@code -p provider=...} leaves it alone, and it asks for the
 * crypto through the API rather than the system property, so no JVM option can silently turn it
 * back into the JCA variant that {@link EngineThroughputBenchmark} measures.
 */
public class BcCryptoThroughputBenchmark extends EnginePairThroughput {

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
