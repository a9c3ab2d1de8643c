package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import org.openjdk.jmh.annotations.Param;

/** {@link EnginePairHandshake} for every provider in the registry, each by its name. */
public class HandshakeBenchmark extends EnginePairHandshake {

    @Param({"jdk", "bc", "openssl", "openssl-jna"})
    public String provider;

    @Override
    protected TlsProvider provider() throws TlsException {
        return TlsProviders.named(provider);
    }
}
