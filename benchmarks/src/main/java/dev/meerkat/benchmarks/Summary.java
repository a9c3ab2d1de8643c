package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The Markdown tables of docs/benchmarks.md from one run. Ratios compare numbers of the same run
 * only and are written so that above 1 always means faster than jdk. A provider without a result
 * gets a row that says why, so a missing backend is never mistaken for a slow one.
 */
final class Summary {

    private static final String THROUGHPUT = EngineThroughputBenchmark.class.getName() + ".clientWrapsServerUnwraps";
    private static final String ANCHOR = AesGcmAnchorBenchmark.class.getName() + ".sealAndOpenRecords";
    private static final String HANDSHAKE = HandshakeBenchmark.class.getName() + ".fullHandshake";
    private static final String BC_CRYPTO_THROUGHPUT =
            BcCryptoThroughputBenchmark.class.getName() + ".clientWrapsServerUnwraps";
    private static final String BC_CRYPTO_HANDSHAKE = BcCryptoHandshakeBenchmark.class.getName() + ".fullHandshake";
    private static final String TLS12_THROUGHPUT =
            Tls12OnlyThroughputBenchmark.class.getName() + ".clientWrapsServerUnwraps";
    private static final String TLS12_HANDSHAKE = Tls12OnlyHandshakeBenchmark.class.getName() + ".fullHandshake";
    /** The row of the BC-crypto suites, which have no provider parameter; it comes only when they ran. */
    private static final String BC_CRYPTO_LABEL = "bc (BC crypto)";
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MICRO = 1e3;

    private final ProviderSplit providers;
    private final Collection<RunResult> results;

    Summary(ProviderSplit providers, Collection<RunResult> results) {
        this.providers = providers;
        this.results = results;
    }

    /** One table per suite that ran; a suite left out of the run (by a JMH include pattern) has none. */
    String markdown() {
        boolean bulk = ran(THROUGHPUT) || ran(ANCHOR) || ran(BC_CRYPTO_THROUGHPUT) || ran(TLS12_THROUGHPUT);
        boolean handshake = ran(HANDSHAKE) || ran(BC_CRYPTO_HANDSHAKE) || ran(TLS12_HANDSHAKE);
        if (!bulk && !handshake) {
            return "No benchmark produced a result; see the run log.\n";
        }
        return (bulk ? throughputTable() : "") + (bulk && handshake ? "\n" : "") + (handshake ? handshakeTable() : "");
    }

    private boolean ran(String benchmark) {
        return results.stream().anyMatch(r -> r.getParams().getBenchmark().equals(benchmark));
    }

    private String throughputTable() {
        Optional<RunResult> anchor = find(ANCHOR, null, null);
        StringBuilder out = new StringBuilder(header("MB/s", "speed vs jdk", "share of AES-GCM anchor",
                "CPU µs per op", "CPU speed vs jdk"));
        for (TlsVersion version : TlsVersion.values()) {
            Optional<RunResult> jdk = find(THROUGHPUT, "jdk", version);
            for (String provider : providers.offering(version)) {
                out.append(findProvider(THROUGHPUT, TLS12_THROUGHPUT, provider, version)
                        .map(r -> throughputRow(provider, version, r, jdk, anchor))
                        .orElseGet(() -> missingRow(provider, version, 6)));
            }
            find(BC_CRYPTO_THROUGHPUT, null, version)
                    .ifPresent(r -> out.append(throughputRow(BC_CRYPTO_LABEL, version, r, jdk, anchor)));
        }
        out.append(anchor.map(r -> row("AES-128-GCM anchor (javax.crypto, seal + open)", "-", megabytesPerSecond(r),
                        errorShare(r), "-", "1.00", cell(cpu(r)), "-"))
                .orElse("| AES-128-GCM anchor | - | no result: see the run log |" + " |".repeat(5) + "\n"));
        return out.toString();
    }

    private String handshakeTable() {
        StringBuilder out = new StringBuilder(header("µs per handshake", "speed vs jdk", "CPU µs per handshake",
                "CPU speed vs jdk"));
        for (TlsVersion version : TlsVersion.values()) {
            Optional<RunResult> jdk = find(HANDSHAKE, "jdk", version);
            for (String provider : providers.offering(version)) {
                out.append(findProvider(HANDSHAKE, TLS12_HANDSHAKE, provider, version)
                        .map(r -> handshakeRow(provider, version, r, jdk))
                        .orElseGet(() -> missingRow(provider, version, 5)));
            }
            find(BC_CRYPTO_HANDSHAKE, null, version)
                    .ifPresent(r -> out.append(handshakeRow(BC_CRYPTO_LABEL, version, r, jdk)));
        }
        return out.toString();
    }

    private static String throughputRow(String label, TlsVersion version, RunResult run, Optional<RunResult> jdk,
                                        Optional<RunResult> anchor) {
        return row(label, version.protocolName(), megabytesPerSecond(run), errorShare(run),
                ratio(score(Optional.of(run)), score(jdk)), ratio(score(Optional.of(run)), score(anchor)),
                cell(cpu(run)), ratio(jdk.flatMap(Summary::cpu), cpu(run)));
    }

    private static String handshakeRow(String label, TlsVersion version, RunResult run, Optional<RunResult> jdk) {
        return row(label, version.protocolName(), microsPerOperation(run), errorShare(run),
                ratio(score(jdk), score(Optional.of(run))), cell(cpu(run)), ratio(jdk.flatMap(Summary::cpu), cpu(run)));
    }

    private static String header(String value, String... more) {
        List<String> names = new ArrayList<>(List.of("provider", "version", value, "± error"));
        names.addAll(List.of(more));
        return "| " + String.join(" | ", names) + " |\n|---|---" + "|---:".repeat(names.size() - 2) + "|\n";
    }

    /** The error is given as a share of the score, so that one conversion serves both. */
    private static String row(String provider, String version, double value, double errorShare, String... more) {
        List<String> cells = new ArrayList<>(List.of(provider, version, number(value),
                Double.isNaN(errorShare) ? "-" : number(value * errorShare)));
        cells.addAll(List.of(more));
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String missingRow(String provider, TlsVersion version, int emptyCells) {
        return "| " + provider + " | " + version.protocolName() + " | no result: " + whyMissing(provider) + " |"
                + " |".repeat(emptyCells - 1) + "\n";
    }

    /** The provider's own reason when it is unavailable; otherwise the failure is in the run log. */
    static String whyMissing(String provider) {
        try {
            TlsProviders.named(provider);
            return "the benchmark failed, see the run log";
        } catch (TlsException e) {
            return e.getMessage().replace('|', '/');
        }
    }

    /** A provider's result from the suite with a version parameter or, at TLS 1.2, from its Tls12Only twin. */
    private Optional<RunResult> findProvider(String benchmark, String tls12Benchmark, String provider,
                                             TlsVersion version) {
        return find(benchmark, provider, version).or(() -> results.stream()
                .filter(r -> version == TlsVersion.TLS_1_2 && r.getParams().getBenchmark().equals(tls12Benchmark)
                        && provider.equals(r.getParams().getParam("tls12OnlyProvider")))
                .findFirst());
    }

    private Optional<RunResult> find(String benchmark, String provider, TlsVersion version) {
        return results.stream().filter(r -> {
            BenchmarkParams params = r.getParams();
            return params.getBenchmark().equals(benchmark)
                    && (provider == null || provider.equals(params.getParam("provider")))
                    && (version == null || version.name().equals(params.getParam("version")));
        }).findFirst();
    }

    /** numerator / denominator with two decimals, or "-" when either is missing. */
    private static String ratio(Optional<Double> numerator, Optional<Double> denominator) {
        return numerator.flatMap(n -> denominator.map(d -> String.format(Locale.ROOT, "%.2f", n / d))).orElse("-");
    }

    private static double score(RunResult run) {
        return run.getPrimaryResult().getScore();
    }

    private static double errorShare(RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        return primary.getScoreError() / primary.getScore();
    }

    /** Process CPU microseconds per operation from {@link CpuTimeProfiler}; empty when it did not run. */
    private static Optional<Double> cpu(RunResult run) {
        Result<?> cpu = run.getSecondaryResults().get(CpuTimeProfiler.LABEL);
        return cpu == null ? Optional.empty() : Optional.of(cpu.getScore());
    }

    private static Optional<Double> score(Optional<RunResult> run) {
        return run.map(Summary::score);
    }

    private static String cell(Optional<Double> value) {
        return value.map(Summary::number).orElse("-");
    }

    /** Throughput scores are operations per output time unit; one operation carries payloadBytes. */
    private static double megabytesPerSecond(RunResult run) {
        BenchmarkParams params = run.getParams();
        double perSecond = score(run) * NANOS_PER_SECOND / params.getTimeUnit().toNanos(1);
        return perSecond * Integer.parseInt(params.getParam("payloadBytes")) / 1e6;
    }

    private static double microsPerOperation(RunResult run) {
        return score(run) * run.getParams().getTimeUnit().toNanos(1) / NANOS_PER_MICRO;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }
}
