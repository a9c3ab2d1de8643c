package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meerkat.tls.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetCommandTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private byte[] writeFile(String name, int size) throws Exception {
        byte[] content = TestServers.randomBytes(size, size);
        Files.write(dir.resolve(name), content);
        return content;
    }

    @Test
    void fetchesAFileOverHttpsTrustingTheGeneratedCertificate() throws Exception {
        byte[] content = writeFile("data.bin", 100_000);
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "-v", "--tls", "jdk",
                    "--cacert", server.certificateFile().toString(), server.url() + "/data.bin"));
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEqualTo(content);
            assertThat(run.stderr()).contains("< HTTP/1.1 200 OK").contains("* TLS: provider jdk, TLSv1.3");
        }
    }

    @Test
    void fetchesWithoutVerificationWhenInsecure() throws Exception {
        byte[] content = writeFile("k.txt", 10);
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "-k", server.url() + "/k.txt"));
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEqualTo(content);
        }
    }

    @Test
    void failsNamingTheCertificateWhenTheServerIsNotTrusted() throws Exception {
        writeFile("x.txt", 10);
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", server.url() + "/x.txt"));
            assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(Failure.CERTIFICATE.exitStatus());
            assertThat(run.stderr()).startsWith("meerkat get: certificate: ").contains("UNTRUSTED_CERTIFICATE");
            assertThat(run.stdout()).isEmpty();
        }
    }

    @Test
    void postsDataToEchoAndWritesTheBodyToAFile() throws Exception {
        Path body = dir.resolve("body.bin");
        Files.write(body, TestServers.randomBytes(50_000, 7));
        Path output = dir.resolve("out.bin");
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "--cacert",
                    server.certificateFile().toString(), "--data-binary", "@" + body, "-H", "X-Test: 1", "-o", output.toString(),
                    server.url() + "/echo"));
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(output).hasSameBinaryContentAs(body);
            assertThat(run.stdout()).isEmpty();
        }
    }

    @Test
    void repeatsAgainstAServerThatClosesAfterEveryResponse() throws Exception {
        byte[] content = writeFile("r.txt", 3000);
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0",
                "--close")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "-v", "--repeat", "20", "--cacert",
                    server.certificateFile().toString(), server.url() + "/r.txt"));
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stdout()).hasSize(20 * content.length);
            for (int i = 0; i < 20; i++) {
                assertThat(Arrays.copyOfRange(run.stdout(), i * content.length, (i + 1) * content.length))
                        .as("body %d", i + 1).isEqualTo(content);
            }
            assertThat(run.stderr().lines().filter(l -> l.equalsIgnoreCase("< Connection: close"))).hasSize(20);
        }
    }

    @Test
    void servesRangesWithValidatorsAndClosesUnderClose() throws Exception {
        Files.writeString(dir.resolve("range.txt"), "0123456789");
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "http://127.0.0.1:0",
                "--close")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "-v", "-H", "Range: bytes=4-6",
                    server.url() + "/range.txt"));
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stdoutText()).isEqualTo("456");
            assertThat(run.stderr()).contains("< HTTP/1.1 206 Partial Content").contains("< ETag: ")
                    .contains("< Connection: close").doesNotContain("* TLS:");
        }
    }

    @Test
    void failsNamingTheResetWhenTheServerResetsBeforeAResponse() throws Exception {
        try (TestServers.ResettingServer server = new TestServers.ResettingServer()) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "http://127.0.0.1:" + server.port() + "/"));
            assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(Failure.RESET.exitStatus());
            assertThat(run.stderr()).startsWith("meerkat get: reset: ");
        }
    }

    @Test
    void repeatsOverPlainHttpOnAKeptConnection() throws Exception {
        byte[] content = "hello\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("hello.txt"), content);
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "http://127.0.0.1:0")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "--repeat", "3", server.url() + "/hello.txt"));
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stdoutText()).isEqualTo("hello\nhello\nhello\n");
        }
    }

    @Test
    void failsNamingTheConnectWhenNothingListens() throws Exception {
        int port = TestServers.closedPort();
        CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "http://127.0.0.1:" + port + "/"));
        assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(Failure.CONNECT.exitStatus());
        assertThat(run.stderr()).startsWith("meerkat get: connect: ");
    }

    @Test
    void failsNamingTruncationWhenACloseDelimitedBodyEndsWithoutCloseNotify() throws Exception {
        KeyMaterial certificate = KeyMaterial.selfSigned("localhost", "127.0.0.1");
        Path cert = CertificateFiles.write(certificate, dir);
        byte[] body = TestServers.randomBytes(40_000, 3);
        try (TestServers.TruncatingTlsServer server = new TestServers.TruncatingTlsServer(certificate, body)) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "--cacert", cert.toString(),
                    "https://127.0.0.1:" + server.port() + "/"));
            assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(Failure.TRUNCATED.exitStatus());
            assertThat(run.stderr()).startsWith("meerkat get: truncated: ").contains("TRUNCATED_NO_CLOSE_NOTIFY");
            assertThat(run.stdout()).as("every byte that arrived is still written").isEqualTo(body);
        }
    }

    @Test
    void failsWith22AndWritesNoBodyOnAnErrorStatusUnderFail() throws Exception {
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "http://127.0.0.1:0")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "-f", server.url() + "/missing"));
            assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(22);
            assertThat(run.stderr()).startsWith("meerkat get: http: ").contains("404");
            assertThat(run.stdout()).isEmpty();
            CommandRun without = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", server.url() + "/missing"));
            assertThat(without.exitStatus()).as("a 404 without -f is a whole response").isZero();
            assertThat(without.stdoutText()).isEqualTo("not found\n");
        }
    }

    @Test
    void silentHidesTheFailureAndShowErrorBringsItBack() throws Exception {
        int port = TestServers.closedPort();
        CommandRun silent = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "-s", "127.0.0.1:" + port));
        assertThat(silent.exitStatus()).isEqualTo(Failure.CONNECT.exitStatus());
        assertThat(silent.stderr()).isEmpty();
        CommandRun shown = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "-sS", "127.0.0.1:" + port));
        assertThat(shown.exitStatus()).isEqualTo(Failure.CONNECT.exitStatus());
        assertThat(shown.stderr()).startsWith("meerkat get: connect: ");
    }

    @Test
    void postsEveryDataOptionJoinedAndTakesHttpAsTheDefaultScheme() throws Exception {
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "http://127.0.0.1:0")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "-d", "a=1", "-d", "b=2",
                    "127.0.0.1:" + server.port() + "/echo"));
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stdoutText()).isEqualTo("a=1&b=2");
        }
    }

    @Test
    void takesCombinedShortFlags() throws Exception {
        byte[] content = writeFile("kv.txt", 10);
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0")) {
            CommandRun run = assertTimeoutPreemptively(LIMIT, () -> CommandRun.of("get", "-kv", "-XGET",
                    server.url() + "/kv.txt"));
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEqualTo(content);
            assertThat(run.stderr()).contains("< HTTP/1.1 200 OK");
        }
    }
}
