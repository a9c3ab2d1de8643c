package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed scenario end to end, as the README's main job runs it: 2,000 sequential HTTPS POSTs per
 * provider and framing against a server that closes after every response, zero bytes lost.
 */
class DemoCommandTest {

    private static final List<String> PROVIDERS = List.of("jdk", "bc", "openssl", "openssl-jna", "mbedtls");

    @Test
    void everyProviderGetsEveryResponseWholeOrFlaggedOver2000PostsPerFraming() {
        CommandRun run = assertTimeoutPreemptively(Duration.ofMinutes(8), () -> CommandRun.of("demo"));

        assertThat(run.exitStatus()).as(run.toString()).isZero();
        for (String provider : PROVIDERS) {
            assertThat(row(run, provider, "length", "yes")).containsExactly("whole", "2000", "2000", "0", "0", "0", "0");
            assertThat(row(run, provider, "chunked", "yes")).containsExactly("whole", "2000", "2000", "0", "0", "0", "0");
            assertThat(row(run, provider, "close", "yes")).containsExactly("whole", "2000", "2000", "0", "0", "0", "0");
            // Without close_notify a close-delimited body is never reported whole, and no byte is lost.
            assertThat(row(run, provider, "close", "no")).containsExactly("flagged", "2000", "0", "2000", "0", "0", "0");
        }
    }

    /** The columns expect, requests, whole, truncated, silent, failed, bytes lost of one table row. */
    private static List<String> row(CommandRun run, String provider, String framing, String closeNotify) {
        String prefix = provider + " ";
        return run.stdoutText().lines()
                .map(String::trim)
                .filter(l -> l.startsWith(prefix))
                .map(l -> List.of(l.split("\\s+")))
                .filter(cells -> cells.get(1).equals(framing) && cells.get(2).equals(closeNotify))
                .findFirst()
                .map(cells -> cells.subList(3, 10))
                .orElseThrow(() -> new AssertionError("expected a row for " + provider + "/" + framing
                        + "/close_notify=" + closeNotify + " (is the provider available?) but was " + run));
    }
}
