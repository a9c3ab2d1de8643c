package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.KeyMaterial;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code get}'s flags that {@link CurlParityTest} cannot compare byte for byte with curl. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GetFlagsTest {

    @TempDir
    Path dir;

    private CannedServer server;

    @BeforeEach
    void start() throws Exception {
        server = new CannedServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void verboseDrawsTheConnectionTheRequestAndTheResponseAsCurlDoes() {
        CommandRun run = CommandRun.of("get", "-v", "-A", "probe/1", server.url() + "/text?x=1");
        assertThat(run.exitStatus()).as(run.stderr()).isZero();
        assertThat(run.stderr().lines()).containsSubsequence("*   Trying 127.0.0.1:" + server.url().split(":")[2] + "...",
                "> GET /text?x=1 HTTP/1.1", "> Accept: */*", "> Host: 127.0.0.1:" + server.url().split(":")[2],
                "> User-Agent: probe/1", ">", "< HTTP/1.1 200 OK", "< Content-Length: 12", "<");
    }

    @Test
    void writeOutTellsTheTimeInSecondsWithMicroseconds() {
        CommandRun run = CommandRun.of("get", "-s", "-o", dir.resolve("t").toString(), "-w", "%{time_total}|%{exitcode}|%{url_effective}",
                server.url() + "/text");
        assertThat(run.stdoutText()).matches("\\d+\\.\\d{6}\\|0\\|" + server.url() + "/text");
    }

    @Test
    void goesThroughTheProxyOfTheEnvironmentUnlessNoProxyNamesTheHost() throws Exception {
        Map<String, String> env = Map.of("http_proxy", server.url().substring("http://".length()));
        assertThat(runWith(env, "http://origin.test/target")).isEqualTo("http://origin.test/target");
        Map<String, String> direct = Map.of("http_proxy", "http://127.0.0.1:1", "no_proxy", "localhost,127.0.0.1");
        assertThat(runWith(direct, server.url() + "/target")).isEqualTo("/target");
    }

    private static String runWith(Map<String, String> env, String url) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = GetCommand.parse(List.of(url), env).run(o, e);
        }
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void choosesTheProxyAsCurlDoes() {
        Map<String, String> env = Map.of("https_proxy", "p:1", "http_proxy", "http://q:2", "HTTP_PROXY", "r:3",
                "NO_PROXY", "a.test, b.test");
        assertThat(Proxies.choose("https://h/", null, null, env)).isEqualTo(new Proxies("http://p:1", List.of("a.test", "b.test")));
        assertThat(Proxies.choose("http://h/", null, null, env).proxy()).isEqualTo("http://q:2");
        assertThat(Proxies.choose("http://h/", null, null, Map.of("HTTP_PROXY", "r:3")).proxy())
                .as("curl ignores HTTP_PROXY").isNull();
        assertThat(Proxies.choose("http://h/", "x:4", "*", env)).isEqualTo(new Proxies("http://x:4", List.of("*")));
    }

    @Test
    void followsARedirectFromHttpToHttpsTrustingTheGivenCertificate() throws Exception {
        Files.writeString(dir.resolve("secure.txt"), "secure");
        try (ServeCommand.Running https = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0")) {
            CommandRun run = CommandRun.of("get", "-L", "--cacert", https.certificateFile().toString(),
                    server.url() + "/away?to=" + https.url() + "/secure.txt");
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stdoutText()).isEqualTo("secure");
        }
    }

    @Test
    void presentsAClientCertificateGivenWithItsKey() throws Exception {
        Path cert = CertificateFiles.write(KeyMaterial.selfSigned("client"), dir);
        Files.writeString(dir.resolve("served.txt"), "ok");
        try (ServeCommand.Running https = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0")) {
            CommandRun run = CommandRun.of("get", "-k", "--cert", cert.toString(), "--key", dir.resolve("key.pem").toString(),
                    https.url() + "/served.txt");
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stdoutText()).isEqualTo("ok");
        }
        CommandRun alone = CommandRun.of("get", "--cert", cert.toString(), "https://127.0.0.1:1/");
        assertThat(alone.exitStatus()).isEqualTo(Main.USAGE);
        assertThat(alone.stderr()).contains("get: options --cert and --key go together but only --cert was given");
    }

    @Test
    void streamsADataBinaryFileAndKeepsWhatArrivedAfterACut() throws Exception {
        byte[] body = TestServers.randomBytes(300_000, 11);
        Files.write(dir.resolve("up.bin"), body);
        Path out = dir.resolve("down.bin");
        CommandRun run = CommandRun.of("get", "--data-binary", "@" + dir.resolve("up.bin"), "-o", out.toString(),
                server.url() + "/echo");
        assertThat(run.exitStatus()).as(run.stderr()).isZero();
        assertThat(out).hasBinaryContent(body);
        CommandRun cut = CommandRun.of("get", "-o", out.toString(), server.url() + "/cut");
        assertThat(cut.exitStatus()).isEqualTo(18);
        assertThat(cut.stderr()).startsWith("meerkat get: truncated: ").containsPattern("after 40 (body )?bytes");
        assertThat(out).hasContent("x".repeat(40));
    }
}
