package dev.meerkat.benchmarks.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory as the idle-connection run counts it: heap in use after full collections
 * (MemoryMXBean) and resident set size (VmRSS). With a pre-touched fixed heap (-Xms = -Xmx,
 * -XX:+AlwaysPreTouch) the heap is resident from the start, so RSS growth is memory outside the
 * Java heap: direct buffers, native TLS state (BoringSSL's allocations are invisible to NMT), code.
 *
 * @param heapBytes heap used after GC
 * @param rssBytes  resident set size
 */
public record ProcessMemory(long heapBytes, long rssBytes) {

    private static final int COLLECTIONS = 3;
    private static final long SETTLE_MILLIS = 200;

    /** Collects a few times, letting reference processing and cleaners run in between, then reads both. */
    public static ProcessMemory measureAfterGc() throws IOException, InterruptedException {
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
            Thread.sleep(SETTLE_MILLIS);
        }
        return new ProcessMemory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), residentBytes());
    }

    /** The line ServerMain prints and IdleMemoryRun parses. */
    public String toLine(int connections) {
        return "memory heap=" + heapBytes + " rss=" + rssBytes + " connections=" + connections;
    }

    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return Long.parseLong(parts[0]) * 1024;
                }
                throw new IOException("expected 'VmRSS: <n> kB' in /proc/self/status but was '" + line + "'");
            }
        }
        throw new IOException("expected a VmRSS line in /proc/self/status but there was none");
    }
}
