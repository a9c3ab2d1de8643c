package dev.meerkat.benchmarks.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's live threads by kind, and the time each kind waited, runnable, for a CPU:
 * from Linux's /proc/self/task/N/schedstat. It shows the JIT's compiler threads, which a short run
 * pays for on the client's one core, beside the threads that do the requests, and whether those
 * lose time to work or to waiting for a core. A number after "-" or "#" in a thread's name becomes
 * N, so a pool's threads add up ("meerkat-loop-N"), while "C1 CompilerThre" and "C2 CompilerThre"
 * stay apart.
 */
final class ThreadCpu {

    private ThreadCpu() {}

    /** "kind CPU ms (runnable-wait ms), ..." per request, busiest first; empty where there is no schedstat. */
    static String perRequest(int requests) throws IOException {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return "";
        }
        Map<String, long[]> byKind = new TreeMap<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                long[] times = schedstat(Files.readString(thread.resolve("schedstat")));
                long[] sum = byKind.computeIfAbsent(kind(Files.readString(thread.resolve("comm"))), k -> new long[2]);
                sum[0] += times[0];
                sum[1] += times[1];
            }
        }
        return byKind.entrySet().stream().filter(e -> e.getValue()[0] >= requests * 10_000L)
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .map(e -> String.format(Locale.ROOT, "%s %.2f (%.2f)", e.getKey(),
                        e.getValue()[0] / 1e6 / requests, e.getValue()[1] / 1e6 / requests))
                .collect(Collectors.joining(", "));
    }

    static String kind(String comm) {
        return comm.strip().replaceAll("(?<=[-#])[0-9]+", "N");
    }

    /** {nanoseconds on a CPU, nanoseconds runnable but waiting for one}: sched(7)'s schedstat. */
    static long[] schedstat(String line) {
        String[] fields = line.strip().split(" ");
        return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
    }
}
