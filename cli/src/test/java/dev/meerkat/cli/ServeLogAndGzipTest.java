package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code meerkat serve}'s access log and its gzip coding of text files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeLogAndGzipTest {

    private static final String TEXT = "Meerkats stand guard while the others forage.\n".repeat(200);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream announced = new ByteArrayOutputStream();

    private ServeCommand.Running serve(String... extra) throws Exception {
        Files.writeString(dir.resolve("a.txt"), TEXT);
        Files.write(dir.resolve("b.bin"), TEXT.getBytes(StandardCharsets.UTF_8));
        List<String> args = new java.util.ArrayList<>(List.of("--dir", dir.toString(), "--listen", "http://127.0.0.1:0"));
        args.addAll(List.of(extra));
        return ServeCommand.parse(args).start(new PrintStream(announced, true, StandardCharsets.UTF_8));
    }

    /** The log lines so far, waiting up to 5 s for {@code count} of them: the loop writes them after the reply. */
    private List<String> logLines(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> lines;
        do {
            lines = announced.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" - - [")).toList();
        } while (lines.size() < count && System.nanoTime() < deadline && sleep());
        return lines;
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    @Test
    void logsEachRequestInCommonLogFormat() throws Exception {
        try (ServeCommand.Running server = serve()) {
            assertThat(CommandRun.of("get", server.url() + "/a.txt").exitStatus()).isZero();
            assertThat(CommandRun.of("get", "-I", server.url() + "/missing").exitStatus()).isZero();
            List<String> lines = logLines(2);
            assertThat(lines).hasSize(2);
            String time = "\\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000]";
            assertThat(lines.get(0)).matches("127\\.0\\.0\\.1 - - " + time + " \"GET /a\\.txt HTTP/1\\.1\" 200 " + TEXT.length());
            assertThat(lines.get(1)).matches("127\\.0\\.0\\.1 - - " + time + " \"HEAD /missing HTTP/1\\.1\" 404 -");
        }
    }

    @Test
    void quietLogsNothing() throws Exception {
        try (ServeCommand.Running server = serve("--quiet")) {
            assertThat(CommandRun.of("get", server.url() + "/a.txt").exitStatus()).isZero();
            assertThat(CommandRun.of("get", server.url() + "/a.txt").exitStatus()).isZero();
            assertThat(logLines(0)).isEmpty();
        }
    }

    @Test
    void codesTextWithGzipForAClientThatTakesItAndTheClientDecodesTheSameBytes() throws Exception {
        try (ServeCommand.Running server = serve("-q")) {
            CommandRun head = CommandRun.of("get", "-I", "-H", "Accept-Encoding: gzip", server.url() + "/a.txt");
            assertThat(head.stdoutText()).contains("Content-Encoding: gzip").contains("Vary: Accept-Encoding")
                    .containsPattern("ETag: \"[0-9a-f]+-[0-9a-f]+-gzip\"");
            CommandRun coded = CommandRun.of("get", "-H", "Accept-Encoding: gzip", server.url() + "/a.txt");
            assertThat(coded.stdout().length).as("the coded body").isLessThan(TEXT.length() / 10);
            CommandRun decoded = CommandRun.of("get", "--compressed", server.url() + "/a.txt");
            assertThat(decoded.exitStatus()).as(decoded.stderr()).isZero();
            assertThat(decoded.stdoutText()).isEqualTo(TEXT);
        }
    }

    @Test
    void curlCompressedGetsTheSameBytes() throws Exception {
        Path curl = PeerBinaries.require("curl");
        try (ServeCommand.Running server = serve("-q")) {
            Process process = new ProcessBuilder(curl.toString(), "-s", "--compressed", "-D", "-", server.url() + "/a.txt")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(output).contains("Content-Encoding: gzip").endsWith("\r\n\r\n" + TEXT);
        }
    }

    @Test
    void sendsRangesBinaryFilesAndPlainClientsTheBytesAsTheyAre() throws Exception {
        try (ServeCommand.Running server = serve("-q")) {
            assertPlain(CommandRun.of("get", "-i", "-H", "Accept-Encoding: gzip", "-H", "Range: bytes=0-9",
                    server.url() + "/a.txt"), TEXT.substring(0, 10));
            assertPlain(CommandRun.of("get", "-i", "-H", "Accept-Encoding: gzip", server.url() + "/b.bin"), TEXT);
            assertPlain(CommandRun.of("get", "-i", "-H", "Accept-Encoding: gzip;q=0", server.url() + "/a.txt"), TEXT);
            assertPlain(CommandRun.of("get", "-i", server.url() + "/a.txt"), TEXT);
        }
        try (ServeCommand.Running server = serve("-q", "--no-gzip")) {
            assertPlain(CommandRun.of("get", "-i", "-H", "Accept-Encoding: gzip", server.url() + "/a.txt"), TEXT);
        }
    }

    /**
     * The access log is written off the loop thread: with a stdout nobody reads (a full pipe), every
     * request is still answered. Before, the loop blocked in its first log line and answered nothing more.
     */
    @Test
    void aStdoutNobodyReadsDoesNotStopTheServer() throws Exception {
        Files.writeString(dir.resolve("a.txt"), TEXT);
        StalledOutput stdout = new StalledOutput();
        List<String> args = List.of("--dir", dir.toString(), "--listen", "http://127.0.0.1:0");
        try (stdout; ServeCommand.Running server = ServeCommand.parse(args).start(new PrintStream(stdout, true,
                StandardCharsets.UTF_8))) {
            stdout.stall();
            for (int i = 0; i < 20; i++) {
                HttpURLConnection get = (HttpURLConnection) URI.create(server.url() + "/a.txt").toURL().openConnection();
                get.setConnectTimeout(5000);
                get.setReadTimeout(5000);
                assertThat(get.getResponseCode()).as("request %d", i).isEqualTo(200);
                assertThat(get.getInputStream().readAllBytes()).hasSize(TEXT.length());
            }
            assertThat(stdout.kept()).contains("meerkat serve: serving");
        }
    }

    @Test
    void servesHardLinksOnlyWithTheFlag() throws Exception {
        Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("outside.txt"), "outside");
        Files.createLink(dir.resolve("root/linked.txt"), dir.resolve("outside.txt"));
        List<String> args = new java.util.ArrayList<>(List.of("-q", "--dir", dir.resolve("root").toString(),
                "--listen", "http://127.0.0.1:0"));
        try (ServeCommand.Running server = ServeCommand.parse(args).start(new PrintStream(announced, true))) {
            assertThat(CommandRun.of("get", "-i", server.url() + "/linked.txt").stdoutText()).startsWith("HTTP/1.1 404 ");
        }
        args.add("--hard-links");
        try (ServeCommand.Running server = ServeCommand.parse(args).start(new PrintStream(announced, true))) {
            assertThat(CommandRun.of("get", server.url() + "/linked.txt").stdoutText()).isEqualTo("outside");
        }
    }

    private static void assertPlain(CommandRun run, String body) {
        assertThat(run.exitStatus()).as(run.stderr()).isZero();
        assertThat(run.stdoutText()).doesNotContain("Content-Encoding").endsWith("\r\n\r\n" + body);
    }
}
