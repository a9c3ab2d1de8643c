package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link EnginePairHandshake} at TLS 1.2 for the providers whose library has no TLS 1.3 (mbedtls);
 * why they have suites of their own: {@link Tls12OnlyThroughputBenchmark}.
 */
public class Tls12OnlyHandshakeBenchmark extends EnginePairHandshake {

    @Param({"mbedtls"})
    public String tls12OnlyProvider;

    @Override
    protected TlsProvider provider() throws TlsException {
        return TlsProviders.named(tls12OnlyProvider);
    }

    @Override
    protected TlsVersion version() {
        return TlsVersion.TLS_1_2;
    }
}
