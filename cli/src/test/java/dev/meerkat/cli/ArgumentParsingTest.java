package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.http.HttpClientRequest;
import java.nio.charset.StandardCharsets;
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
        assertUsageError("expected a command (demo, providers, get, serve, soak, mqtt, proxy, help) but was 'fetch'", "fetch");
    }

    @Test
    void printsUsageWithoutArguments() {
        CommandRun run = CommandRun.of();
        assertThat(run.exitStatus()).isEqualTo(Main.USAGE);
        assertThat(run.stderr()).contains("Usage: meerkat [-hV] [COMMAND]").contains("  get ");
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        CommandRun run = CommandRun.of("help");
        assertThat(run.exitStatus()).isZero();
        assertThat(run.stdoutText()).contains("Usage: meerkat").contains("  soak ").contains("  serve ");
    }

    @Test
    void rejectsAnUnknownOption() {
        assertUsageError("soak: Unknown option: '--fast'", "soak", "--fast");
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertUsageError("get: Missing required parameter for option '--tls' (NAME)", "get", "https://127.0.0.1:1/", "--tls");
    }

    @Test
    void rejectsARequestCountThatIsNotPositive() {
        assertUsageError("soak: Invalid value for option '--requests': expected a positive whole number but was '0'",
                "soak", "--requests", "0");
        assertUsageError("soak: Invalid value for option '--requests': expected a positive whole number but was 'many'",
                "soak", "--requests=many");
    }

    @Test
    void rejectsAFramingOutsideTheChoices() {
        assertUsageError("soak: option --framing expects one of [all, chunked, close, length] but was 'gzip'",
                "soak", "--framing", "gzip");
    }

    @Test
    void rejectsGetWithoutUrl() {
        assertUsageError("get: Missing required parameter: 'URL'", "get", "-v");
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
        assertUsageError("get: Unmatched argument at index 2: 'http://127.0.0.1:2/'", "get", "http://127.0.0.1:1/", "http://127.0.0.1:2/");
    }

    @Test
    void namesTheCommandWhenParsedAlone() {
        assertThatThrownBy(() -> GetCommand.parse(List.of("http://127.0.0.1:1/", "http://127.0.0.1:2/")))
                .isInstanceOf(UsageException.class)
                .hasMessage("get: Unmatched argument at index 1: 'http://127.0.0.1:2/'");
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
        assertUsageError("get: cannot read the body file @/nonexistent/body", "get", "http://127.0.0.1:1/", "-d",
                "@/nonexistent/body");
    }

    @Test
    void takesOptionValuesAfterAnEqualsSign() throws UsageException {
        GetCommand get = GetCommand.parse(List.of("--tls=jdk", "-d", "x", "https://127.0.0.1:1/", "--repeat=3"));
        assertThat(get.options().client().tls().provider()).isEqualTo("jdk");
        assertThat(get.options().repeat()).isEqualTo(3);
        assertThat(get.options().request().method()).isEqualTo("POST");
    }

    @Test
    void takesCombinedShortFlagsAndAValueJoinedToItsFlag() throws UsageException {
        GetOptions options = GetCommand.parse(List.of("-kvf", "-XPOST", "-sS", "http://127.0.0.1:1/")).options();
        assertThat(options.client().tls().insecure()).isTrue();
        assertThat(options.display().verbose()).isTrue();
        assertThat(options.display().fail()).isTrue();
        assertThat(options.request().method()).isEqualTo("POST");
        assertThat(options.display().quiet()).as("-S brings the failure message back under -s").isFalse();
        assertThat(GetCommand.parse(List.of("-s", "http://127.0.0.1:1/")).options().display().quiet()).isTrue();
    }

    @Test
    void takesHttpAsTheDefaultScheme() throws UsageException {
        assertThat(GetCommand.parse(List.of("example.com/a?b=c")).options().request().url()).isEqualTo("http://example.com/a?b=c");
        assertThat(GetCommand.parse(List.of("127.0.0.1:8080")).options().request().isHttps()).isFalse();
        assertThat(GetCommand.parse(List.of("HTTPS://example.com/")).options().request().url()).isEqualTo("HTTPS://example.com/");
    }

    @Test
    void joinsEveryDataOptionWithAnAmpersandAndSendsAForm() throws UsageException {
        HttpClientRequest request = GetCommand.parse(List.of("-d", "a=1", "-d", "b=2", "-d", "c", "http://h/"))
                .options().request().request();
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("a=1&b=2&c");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void keepsTheGivenContentTypeForData() throws UsageException {
        HttpClientRequest request = GetCommand.parse(List.of("-d", "{}", "-H", "content-type: application/json",
                "http://h/")).options().request().request();
        assertThat(request.headers().all("Content-Type")).containsExactly("application/json");
    }

    @Test
    void sendsNoContentTypeWithoutData() throws UsageException {
        HttpClientRequest request = GetCommand.parse(List.of("http://h/")).options().request().request();
        assertThat(request.headers().get("Content-Type")).isNull();
        assertThat(request.body()).isEmpty();
    }
}
