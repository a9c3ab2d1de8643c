package dev.meerkat.benchmarks.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child server's live objects per class ({@code jcmd PID GC.class_histogram}, which collects
 * first), and what grew between two of them: where an idle connection's heap goes
 * ({@code IdleMemoryRun --histogram N}).
 */
record ClassHistogram(Map<String, Long> bytesByClass) {

    /** "   1:   12345   67890  java.lang.String (java.base@17.0.15)": rank, instances, bytes, class. */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    static ClassHistogram of(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("expected jcmd " + pid + " GC.class_histogram to succeed but it said: " + output);
        }
        return parse(output);
    }

    static ClassHistogram parse(String jcmdOutput) {
        Map<String, Long> bytes = new HashMap<>();
        for (String line : jcmdOutput.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
            }
        }
        return new ClassHistogram(bytes);
    }

    /** The {@code top} classes that grew most from {@code before}, as "bytes per connection  class" lines. */
    String growthSince(ClassHistogram before, int connections, int top) {
        StringBuilder out = new StringBuilder();
        bytesByClass.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.bytesByClass.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "%10.1f  %s%n",
                        (double) e.getValue() / connections, e.getKey())));
        return out.toString();
    }
}
