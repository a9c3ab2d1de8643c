package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * curl and {@code meerkat get} side by side, flag by flag, against the same {@link CannedServer}:
 * the same stdout bytes (or {@code -o} file) and the same exit code. In each row {@code URL} is
 * the server, {@code OUT} the output file (one per tool), {@code DATA} a body file with line ends.
 * curl runs with no proxy variables; meerkat gets an empty environment. Fails on CI
 * ({@code CI=true}) when curl is missing.
 */
class CurlParityTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static CannedServer server;
    private static Path curl;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        curl = PeerBinaries.require("curl");
        server = new CannedServer();
        Files.writeString(dir.resolve("data.txt"), "a=1\r\nb=2\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "URL/text",
            "-i URL/text",
            "--include URL/text",
            "-I URL/text",
            "--http1.1 URL/text",
            "-s URL/missing",
            "-f URL/missing",
            "-sf URL/missing",
            "-fsS URL/text",
            "URL/redirect",
            "-L URL/redirect",
            "-L --max-redirs 2 URL/loop",
            "-XPUT URL/method",
            "-X DELETE URL/method",
            "-d a=1 -d b=2 URL/echo",
            "-d @DATA URL/echo",
            "--data-binary @DATA URL/echo",
            "--data-binary x=1 -d y=2 URL/echo",
            "-d a=1 URL/header/Content-Type",
            "-A agent/1 URL/header/User-Agent",
            "-u alice:secret URL/header/Authorization",
            "-H 'X-Test: 1' URL/header/X-Test",
            "URL/header/Accept",
            "URL/gzip",
            "--compressed URL/gzip",
            "-w '%{http_code} %{size_download}\\n' URL/text",
            "-w '%{http_code}\\n' -s URL/missing",
            "-o OUT URL/text",
            "-o OUT URL/cut",
            "-f -o OUT URL/missing",
            "--connect-timeout 5 URL/text",
            "-m 1 URL/stall",
            "URL/close",
            "URL/cut",
            "URL/reset",
            "URL/empty",
            "-x URL http://proxied.test/target",
            "--proxy URL proxied.test/target",
    })
    void meerkatGetAnswersAsCurlDoes(String line) throws Exception {
        Result expected = runCurl(args(line, "curl"));
        Result actual = assertTimeoutPreemptively(LIMIT, () -> runMeerkat(args(line, "meerkat")));
        assertThat(actual.exitCode()).as("exit code of meerkat get %s; curl: %s; meerkat: %s", line, expected, actual)
                .isEqualTo(expected.exitCode());
        assertThat(actual.text()).as("output of meerkat get %s; curl: %s", line, expected).isEqualTo(expected.text());
    }

    /** The row's arguments with its placeholders filled; {@code tool} names the output file. */
    private static List<String> args(String line, String tool) {
        List<String> args = new ArrayList<>();
        for (String arg : line.split(" (?=(?:[^']*'[^']*')*[^']*$)")) {
            args.add(arg.replace("'", "").replace("URL", server.url()).replace("OUT", dir.resolve(tool + ".out").toString())
                    .replace("@DATA", "@" + dir.resolve("data.txt")));
        }
        return args;
    }

    private static Result runCurl(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-s"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        List.of("http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY")
                .forEach(builder.environment()::remove);
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("expected curl " + args + " to end within 30 s but it did not");
        }
        return new Result(process.exitValue(), withFile(stdout, "curl"));
    }

    private static Result runMeerkat(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-s"));
        command.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(ByteArrayOutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            status = GetCommand.parse(command, Map.of()).run(o, e);
        }
        return new Result(status, withFile(out.toByteArray(), "meerkat"));
    }

    /** stdout, then the {@code -o} file's bytes when there is one (taken away for the next row). */
    private static String withFile(byte[] stdout, String tool) throws Exception {
        Path file = dir.resolve(tool + ".out");
        String text = new String(stdout, StandardCharsets.ISO_8859_1);
        if (Files.exists(file)) {
            text += "\n[file] " + Files.readString(file, StandardCharsets.ISO_8859_1);
            Files.delete(file);
        }
        return text;
    }

    private record Result(int exitCode, String text) {
    }
}
