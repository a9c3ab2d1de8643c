package dev.meerkat.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the benchmark process's CPU time per operation (all threads, so JIT and GC work counts)
 * next to JMH's wall-clock score. On a shared machine other processes stretch wall time but not
 * our CPU time, so this figure moves less when the machine is busy and is the fair one to compare.
 * Enabled by {@link Main}; by hand: {@code -prof dev.meerkat.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    static final String LABEL = "cpu";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startNanos;

    @Override
    public String getDescription() {
        return "process CPU time per operation, in microseconds";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        startNanos = os.getProcessCpuTime();
    }

    /** JMH declares the raw {@code Result} type in this signature. */
    @Override
    @SuppressWarnings("rawtypes")
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        long cpuNanos = os.getProcessCpuTime() - startNanos;
        long operations = result.getMetadata().getMeasuredOps();
        if (operations <= 0) {
            return List.of();
        }
        return List.of(new ScalarResult(LABEL, cpuNanos / 1000.0 / operations, "us/op", AggregationPolicy.AVG));
    }
}
