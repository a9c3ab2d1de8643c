package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The providers of a run, split by the versions they declare: those with every version go to the
 * suites with a version parameter, those with TLS 1.2 only to the Tls12Only suites, so that JMH
 * makes only pairs a provider can run. A name the registry does not know stays with every version,
 * where the benchmark fails with the registry's reason.
 *
 * @param everyVersion the providers for {@link EngineThroughputBenchmark} and {@link HandshakeBenchmark}
 * @param tls12Only    the providers for {@link Tls12OnlyThroughputBenchmark} and {@link Tls12OnlyHandshakeBenchmark}
 */
record ProviderSplit(List<String> everyVersion, List<String> tls12Only) {

    static ProviderSplit of(Collection<String> providers) {
        Set<String> withoutTls13 = TlsProviders.all().stream()
                .filter(p -> !p.capabilities().versions().contains(TlsVersion.TLS_1_3))
                .map(TlsProvider::name)
                .collect(Collectors.toSet());
        List<String> every = new ArrayList<>();
        List<String> tls12 = new ArrayList<>();
        for (String provider : providers) {
            (withoutTls13.contains(provider) ? tls12 : every).add(provider);
        }
        return new ProviderSplit(List.copyOf(every), List.copyOf(tls12));
    }

    /** The providers that have rows for {@code version}, every-version ones first. */
    List<String> offering(TlsVersion version) {
        List<String> rows = new ArrayList<>(everyVersion);
        if (version == TlsVersion.TLS_1_2) {
            rows.addAll(tls12Only);
        }
        return rows;
    }
}
