package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProvidersCommandTest {

    @Test
    void listsTheJdkProviderAsAvailableWithItsVersions() {
        CommandRun run = CommandRun.of("providers");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        String jdkRow = run.stdoutText().lines().filter(l -> l.startsWith("jdk ")).findFirst().orElseThrow(
                () -> new AssertionError("expected a row for jdk but the table was:\n" + run.stdoutText()));
        assertThat(jdkRow).contains(" yes ").contains("SunJSSE").contains("TLSv1.2 TLSv1.3");
        assertThat(run.stdoutText()).startsWith("name").contains("available").contains("resumption");
    }
}
