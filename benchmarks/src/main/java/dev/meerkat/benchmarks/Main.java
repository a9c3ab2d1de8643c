package dev.meerkat.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every suite in one run, so that each provider is compared with jdk and with the AES-GCM
 * anchor measured minutes apart on the same machine, never with a number from another day. Forks,
 * warm-up and measurement are each suite's own annotations, sized for a noisy 2-core machine
 * (about 16 minutes with every provider); {@link CpuTimeProfiler} adds CPU time beside every score.
 * Writes JMH's JSON and a Markdown summary into {@code benchmarks/results/} (system property
 * {@value #RESULTS_PROPERTY} changes the folder).
 *
 * <p>Arguments are JMH's own options and win over the annotations: {@code -p provider=jdk,bc} runs
 * two providers, {@code -f 3 -i 10} measures longer, a regular expression picks suites. The
 * BC-crypto suites have no provider parameter, so {@code -p provider} does not leave them out;
 * {@code -e BcCrypto} does. A provider without TLS 1.3 (mbedtls) is measured by the Tls12Only
 * suites, at TLS 1.2 ({@link ProviderSplit}); {@code -p provider} names it like any other.
 */
public final class Main {

    static final String RESULTS_PROPERTY = "meerkat.benchmarks.results";
    static final List<String> PROVIDERS = List.of("jdk", "bc", "openssl", "openssl-jna", "mbedtls");
    private static final List<Class<?>> SUITES = List.of(EngineThroughputBenchmark.class,
            BcCryptoThroughputBenchmark.class, AesGcmAnchorBenchmark.class, HandshakeBenchmark.class,
            BcCryptoHandshakeBenchmark.class, Tls12OnlyThroughputBenchmark.class, Tls12OnlyHandshakeBenchmark.class);

    private Main() {
    }

    public static void main(String[] args) throws CommandLineOptionException, RunnerException, IOException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        Path folder = Path.of(System.getProperty(RESULTS_PROPERTY, "benchmarks/results"));
        Files.createDirectories(folder);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        ProviderSplit providers = ProviderSplit.of(commandLine.getParameter("provider").orElse(PROVIDERS));
        Options options = options(commandLine, providers, folder.resolve("jmh-" + stamp + ".json"));
        Collection<RunResult> results = new Runner(options).run();
        String summary = new Summary(providers, results).markdown();
        Path summaryFile = folder.resolve("summary-" + stamp + ".md");
        Files.writeString(summaryFile, summary);
        System.out.println(summary);
        System.out.println("JSON: " + options.getResult().get() + ", summary: " + summaryFile);
    }

    private static Options options(CommandLineOptions commandLine, ProviderSplit providers, Path json) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(commandLine)
                .resultFormat(commandLine.getResultFormat().orElse(ResultFormatType.JSON))
                .result(commandLine.getResult().orElse(json.toString()))
                .addProfiler(CpuTimeProfiler.class);
        if (commandLine.getIncludes().isEmpty()) {
            SUITES.forEach(suite -> builder.include(Pattern.quote(suite.getName() + ".")));
        }
        giveProviders(builder, "provider", providers.everyVersion(), EngineThroughputBenchmark.class,
                HandshakeBenchmark.class);
        giveProviders(builder, "tls12OnlyProvider", providers.tls12Only(), Tls12OnlyThroughputBenchmark.class,
                Tls12OnlyHandshakeBenchmark.class);
        return builder.build();
    }

    /** A suite pair whose parameter would have no value is left out of the run. */
    private static void giveProviders(ChainedOptionsBuilder builder, String parameter, List<String> providers,
                                      Class<?>... suites) {
        if (providers.isEmpty()) {
            for (Class<?> suite : suites) {
                builder.exclude(Pattern.quote(suite.getName() + "."));
            }
        } else {
            builder.param(parameter, providers.toArray(String[]::new));
        }
    }
}
