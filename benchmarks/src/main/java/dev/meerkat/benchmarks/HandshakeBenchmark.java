package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link EnginePairHandshake} for the providers that offer every version, each by its name; those
 * without TLS 1.3 run in {@link Tls12OnlyHandshakeBenchmark} instead ({@link ProviderSplit}).
 */
public class HandshakeBenchmark extends EnginePairHandshake {

    @Param({"jdk", "bc", "openssl", "openssl-jna"})
    public String provider;

    @Param({"TLS_1_2", "TLS_1_3"})
    public TlsVersion version;

    @Override
    protected TlsProvider provider() throws TlsException {
        return TlsProviders.named(provider);
    }

    @Override
    protected TlsVersion version() {
        return version;
    }
}
