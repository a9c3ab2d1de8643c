package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.spi.PolicyRule;
import dev.meerkat.tls.spi.PolicyTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Issue 14: MbedTLS is available here and says that its build speaks TLS 1.2 only. */
    @Test
    void listsMbedTlsAsAvailableWithTls12Only() {
        CommandRun run = CommandRun.of("providers");
        String row = run.stdoutText().lines().filter(l -> l.startsWith("mbedtls ")).findFirst().orElseThrow(
                () -> new AssertionError("expected a row for mbedtls but the table was:\n" + run.stdoutText()));
        assertThat(row).contains(" yes ").contains("mbed TLS 2.28").contains("TLSv1.2").doesNotContain("TLSv1.3");
        assertThat(run.stdoutText()).contains("  mbedtls      TLSv1.2 only: MbedTLS 2.28 has no TLS 1.3");
    }

    @Test
    void printsHowEachProviderAppliesEachRuleOfTheTlsPolicy() {
        CommandRun run = CommandRun.of("providers");
        String policy = run.stdoutText().substring(run.stdoutText().indexOf("TLS policy"));
        for (PolicyRule rule : PolicyRule.values()) {
            assertThat(policy).as("the policy table").contains(rule.title() + ": " + rule.demand());
        }
        assertThat(policy).as("the policy table").contains("  jdk ")
                .contains("cannot decline: SunJSSE answers a HelloRequest");
    }

    @Test
    void saysWhichProvidersWriteKeyLogsAndWhyJdkDoesNot() {
        CommandRun run = CommandRun.of("providers");
        String table = run.stdoutText();
        assertThat(table.lines().findFirst().orElseThrow()).endsWith("key log");
        assertThat(table.lines().filter(l -> l.startsWith("bc ")).findFirst().orElseThrow()).endsWith(" yes");
        assertThat(table.lines().filter(l -> l.startsWith("jdk ")).findFirst().orElseThrow()).endsWith(" no");
        assertThat(table).contains("SSLKEYLOGFILE").contains("  jdk writes none: SunJSSE keeps the TLS secrets");
    }

    /** The table in the docs is the one the code renders, on the JDK 17 the project builds with. */
    @Test
    void theSecurityPolicyDocumentHoldsTheRenderedTable() throws IOException {
        String document = Files.readString(Path.of("..", "docs", "SECURITY-POLICY.md"));
        assertThat(document).contains(PolicyTable.render(TlsProviders.all()));
    }
}
