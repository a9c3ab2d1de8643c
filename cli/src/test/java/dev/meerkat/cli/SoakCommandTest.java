package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoakCommandTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    /** The table's columns after the client: framing, close_notify, expect, requests, whole, truncated, silent, failed, bytes lost. */
    private static List<String> row(CommandRun run, String framing) {
        String line = run.stdoutText().lines().filter(l -> l.startsWith("jdk ") && l.contains(" " + framing + " "))
                .findFirst().orElseThrow(() -> new AssertionError("expected a jdk/" + framing + " row but was " + run));
        return List.of(line.trim().split("\\s+")).subList(1, 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"length", "chunked", "close"})
    void loses200ResponsesToNoFraming(String framing) {
        CommandRun run = assertTimeoutPreemptively(LIMIT,
                () -> CommandRun.of("soak", "--tls", "jdk", "--requests", "200", "--framing", framing));
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(row(run, framing)).containsExactly(framing, "yes", "whole", "200", "200", "0", "0", "0", "0");
        assertThat(run.stdoutText()).contains("OK: 200 requests, no byte lost silently");
    }

    @Test
    void flagsEveryCloseDelimitedBodyWithoutCloseNotifyAndLosesNoByte() {
        CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("soak", "--tls", "jdk", "--requests", "200",
                "--framing", "close", "--close-notify", "no", "--body", "40000"));
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(row(run, "close")).containsExactly("close", "no", "flagged", "200", "0", "200", "0", "0", "0");
    }

    @Test
    void countsAFlaggedResponseAsUnexpectedWhereTheScenarioPromisesWhole() {
        Scenario scenario = new Scenario("jdk", Framing.LENGTH, true);
        ScenarioResult result = new ScenarioResult(scenario, 3, 2, 1, 0, 0, 0, new long[] {1, 2, 3}, 3, "request 3: flagged");
        assertThat(result.unexpected()).isEqualTo(1);
        ScenarioResult silentLoss = new ScenarioResult(new Scenario("jdk", Framing.CLOSE, false), 3, 0, 2, 1, 0, 10,
                new long[] {1, 2, 3}, 3, "request 1: reported whole");
        assertThat(silentLoss.unexpected()).isEqualTo(1);
    }
}
