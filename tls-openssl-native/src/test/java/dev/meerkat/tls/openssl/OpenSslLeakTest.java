package dev.meerkat.tls.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Every SSL, BIO, SSL_CTX, SSL_SESSION and key is freed: 100,000 engine pairs, each with a handshake
 * (half of them resumed, see {@link LeakProbe}) and 1 KiB each way (about 40 s on 2 cores), in a child
 * JVM with a fixed, pre-touched heap, whose resident memory must stop growing after a 10,000-pair
 * warm-up. A leak of one SSL object (~5 KB) per pair would add ~450 MB.
 */
class OpenSslLeakTest {

    private static final int PAIRS = 100_000;
    private static final int WARM_UP = 10_000;
    private static final long MAX_GROWTH_KB = 20 * 1024;
    /** Every even pair but the first of each context's 1,000 resumes. */
    private static final int MIN_RESUMED = PAIRS / 2 - PAIRS / 1_000;

    @Test
    @EnabledOnOs(OS.LINUX)
    void residentMemoryStaysFlatOverAHundredThousandEnginePairs() {
        Map<Integer, Long> rss = assertTimeoutPreemptively(Duration.ofMinutes(8), OpenSslLeakTest::runProbe);
        long afterWarmUp = rss.get(WARM_UP);
        long atEnd = rss.get(PAIRS);
        System.out.println("VmRSS by pairs (KB): " + rss);
        assertThat(atEnd - afterWarmUp)
                .as("VmRSS growth from %d to %d pairs in KB (all samples %s)", WARM_UP, PAIRS, rss)
                .isLessThan(MAX_GROWTH_KB);
    }

    private static Map<Integer, Long> runProbe() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), LeakProbe.class.getName(),
                String.valueOf(PAIRS), "1", "10000"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<Integer, Long> rss = new TreeMap<>();
        StringBuilder output = new StringBuilder();
        int resumed = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("rss ")) {
                    String[] parts = line.split(" ");
                    rss.put(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                } else if (line.startsWith("resumed ")) {
                    resumed = Integer.parseInt(line.substring("resumed ".length()));
                }
            }
        } finally {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(process.exitValue()).as("probe exit status; output:\n%s", output).isZero();
        assertThat(rss).as("probe output:\n%s", output).containsKeys(WARM_UP, PAIRS);
        assertThat(resumed).as("resumed handshakes; probe output:\n%s", output).isGreaterThanOrEqualTo(MIN_RESUMED);
        return rss;
    }
}
