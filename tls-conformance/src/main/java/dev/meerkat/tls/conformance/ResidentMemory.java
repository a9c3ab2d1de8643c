package dev.meerkat.tls.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory (VmRSS of /proc/self/status) after a GC: what native memory tests
 * compare, since NMT does not see a C library's own allocations.
 */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /**
     * {@return VmRSS in bytes, after a System.gc()}
     *
     * @throws IOException when /proc/self/status cannot be read
     */
    public static long bytes() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("expected a VmRSS line in /proc/self/status but found none");
    }
}
