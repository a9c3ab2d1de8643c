package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} and {@code --version} on the command and every subcommand: stdout, exit 0. */
class HelpAndVersionTest {

    /** The version the build wrote (the parent pom's), e.g. 0.1.0-SNAPSHOT. */
    private static final String VERSION_LINE = "meerkat \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?";

    @ParameterizedTest
    @ValueSource(strings = {"demo", "providers", "get", "serve", "soak"})
    void everyCommandPrintsItsHelp(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            CommandRun run = CommandRun.of(command, flag);
            assertThat(run.exitStatus()).as(run.toString()).isZero();
            assertThat(run.stdoutText()).as(run.toString()).startsWith("Usage: meerkat " + command)
                    .contains("--version");
            assertThat(run.stderr()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "providers", "get", "serve", "soak"})
    void helpNamesTheCommandsHelp(String command) {
        CommandRun run = CommandRun.of("help", command);
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdoutText()).startsWith("Usage: meerkat " + command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "get --version", "serve --version", "soak -V", "providers --version",
            "demo --version"})
    void printsTheProjectVersion(String line) {
        CommandRun run = CommandRun.of(line.split(" "));
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdoutText().lines().findFirst().orElse("")).as(run.toString()).matches(VERSION_LINE);
        assertThat(run.stdoutText()).contains("Java " + Runtime.version().feature());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-f, --fail", "-s, --silent", "-S, --show-error", "-X, --request=METHOD",
            "-d, --data=DATA|@FILE", "-k, --insecure", "22 HTTP status 400 or more with -f"})
    void getsHelpNamesCurlsFlagsAndTheExitStatuses(String expected) {
        CommandRun run = CommandRun.of("get", "--help");
        assertThat(run.stdoutText()).as(run.toString()).contains(expected);
    }
}
