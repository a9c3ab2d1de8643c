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
 * CPU time of this JVM's live threads by kind, from Linux's /proc/self/task: the JIT's compiler
 * threads, which a short run pays for on the client's one core, beside the threads that do the
 * requests. A number after "-" or "#" in a thread's name becomes N, so a pool's threads add up
 * ("meerkat-loop-N"), while "C1 CompilerThre" and "C2 CompilerThre" stay apart.
 */
final class ThreadCpu {

    /** USER_HZ, the unit of utime and stime in /proc: 100 on every Linux architecture Java runs on. */
    private static final double MS_PER_TICK = 10;

    private ThreadCpu() {}

    /** "kind ms, ..." per request, busiest first; empty where there is no /proc/self/task. */
    static String perRequest(int requests) throws IOException {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return "";
        }
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                ticks.merge(kind(Files.readString(thread.resolve("comm"))),
                        ticks(Files.readString(thread.resolve("stat"))), Long::sum);
            }
        }
        return ticks.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() * MS_PER_TICK / requests))
                .collect(Collectors.joining(", "));
    }

    static String kind(String comm) {
        return comm.strip().replaceAll("(?<=[-#])[0-9]+", "N");
    }

    /** utime + stime, fields 14 and 15 of proc(5)'s stat, counted after the ")" that ends the name. */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
