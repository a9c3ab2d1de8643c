package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentParsingTest {

    private static void assertUsageError(String expectedMessage, String... args) {
        CommandRun run = CommandRun.of(args);
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Main.USAGE);
        assertThat(run.stderr()).contains(expectedMessage).contains("meerkat help");
    }

    @Test
    void rejectsAnUnknownCommandNamingTheCommands() {
        assertUsageError("expected a command (demo, providers, get, serve, soak, help) but was 'fetch'", "fetch");
    }

    @Test
    void printsUsageWithoutArguments() {
        CommandRun run = CommandRun.of();
        assertThat(run.exitStatus()).isEqualTo(Main.USAGE);
        assertThat(run.stderr()).contains("usage:").contains(GetCommand.USAGE);
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        CommandRun run = CommandRun.of("help");
        assertThat(run.exitStatus()).isZero();
        assertThat(run.stdoutText()).contains(SoakCommand.USAGE).contains(ServeCommand.USAGE);
    }

    @Test
    void rejectsAnUnknownOption() {
        assertUsageError("soak: unknown option '--fast'", "soak", "--fast");
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertUsageError("get: option --tls expects a value but none was given", "get", "https://127.0.0.1:1/", "--tls");
    }

    @Test
    void rejectsARequestCountThatIsNotPositive() {
        assertUsageError("soak: option --requests expects a positive whole number but was '0'", "soak", "--requests", "0");
        assertUsageError("soak: option --requests expects a positive whole number but was 'many'", "soak", "--requests=many");
    }

    @Test
    void rejectsAFramingOutsideTheChoices() {
        assertUsageError("soak: option --framing expects one of [all, chunked, close, length] but was 'gzip'",
                "soak", "--framing", "gzip");
    }

    @Test
    void rejectsGetWithoutUrl() {
        assertUsageError("get: expected a URL (http:// or https://) but none was given", "get", "-v");
    }

    @Test
    void rejectsAUrlThatIsNotHttp() {
        assertUsageError("get: expected an http:// or https:// URL but was 'ftp://127.0.0.1/'", "get", "ftp://127.0.0.1/");
    }

    @Test
    void rejectsAHeaderWithoutColon() {
        assertUsageError("get: option -H expects 'Name: value' but was 'Accept'", "get", "http://127.0.0.1:1/", "-H", "Accept");
    }

    @Test
    void rejectsASecondUrl() {
        assertUsageError("get: unexpected argument 'http://127.0.0.1:2/'", "get", "http://127.0.0.1:1/", "http://127.0.0.1:2/");
    }

    @Test
    void rejectsCertWithoutKey() {
        assertUsageError("serve: options --cert and --key go together but only --cert was given", "serve", "--cert", "c.pem");
    }

    @Test
    void rejectsAnUnknownProviderNamingTheOnesFound() {
        CommandRun run = CommandRun.of("soak", "--tls", "nosuch", "--requests", "1");
        assertThat(run.exitStatus()).isEqualTo(Main.USAGE);
        assertThat(run.stderr()).contains("no TLS provider named 'nosuch'").contains("jdk");
    }

    @Test
    void rejectsAMissingDataFile() {
        assertUsageError("get: cannot read the body file of -d @/nonexistent/body", "get", "http://127.0.0.1:1/", "-d",
                "@/nonexistent/body");
    }

    @Test
    void takesOptionValuesAfterAnEqualsSign() throws UsageException {
        GetCommand get = GetCommand.parse(List.of("--tls=jdk", "-d", "x", "https://127.0.0.1:1/", "--repeat=3"));
        assertThat(get.options().provider()).isEqualTo("jdk");
        assertThat(get.options().repeat()).isEqualTo(3);
        assertThat(get.options().method()).isEqualTo("POST");
    }
}
