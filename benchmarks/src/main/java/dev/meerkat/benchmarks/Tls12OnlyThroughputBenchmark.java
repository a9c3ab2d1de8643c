package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link EnginePairThroughput} for the providers whose library has no TLS 1.3 (mbedtls: Debian's
 * MbedTLS 2.28), at TLS 1.2 only. JMH crosses every value of every parameter, so a provider
 * parameter shared with {@link EngineThroughputBenchmark} would pair these providers with TLS 1.3:
 * they get a parameter of their own, and {@link Main} hands each provider to one of the two by its
 * declared versions ({@link ProviderSplit}). Their TLS 1.2 rows read beside jdk's of the same run.
 */
public class Tls12OnlyThroughputBenchmark extends EnginePairThroughput {

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
