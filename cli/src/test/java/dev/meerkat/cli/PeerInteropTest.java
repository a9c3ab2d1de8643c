package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meerkat.tls.KeyMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meerkat serve} and {@code meerkat get} against real peers: curl and {@code openssl s_server}. */
class PeerInteropTest {

    @TempDir
    Path dir;

    @Test
    void curlFetchesAFileFromMeerkatServeOverHttps() throws Exception {
        Path curl = PeerBinaries.require("curl");
        byte[] content = TestServers.randomBytes(300_000, 11);
        Files.write(dir.resolve("big.bin"), content);
        Path output = dir.resolve("curl-out.bin");
        Process process = null;
        try (ServeCommand.Running server = TestServers.serve("--dir", dir.toString(), "--listen", "https://127.0.0.1:0")) {
            process = new ProcessBuilder(curl.toString(), "-sS", "--http1.1", "--max-time", "30", "--cacert",
                    server.certificateFile().toString(), "-o", output.toString(), server.url() + "/big.bin")
                    .redirectErrorStream(true).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("curl finished within 60 s").isTrue();
            String curlOutput = new String(process.getInputStream().readAllBytes());
            assertThat(process.exitValue()).as("curl exit status; it said: " + curlOutput).isZero();
            assertThat(PeerBinaries.sha256(Files.readAllBytes(output))).isEqualTo(PeerBinaries.sha256(content));
        } finally {
            PeerBinaries.stop(process);
        }
    }

    @Test
    void getFetchesAFileFromOpensslSServerWww() throws Exception {
        Path openssl = PeerBinaries.require("openssl");
        Path cert = CertificateFiles.write(KeyMaterial.selfSigned("localhost", "127.0.0.1"), dir);
        byte[] content = TestServers.randomBytes(250_000, 13);
        Files.write(dir.resolve("page.bin"), content);
        Path output = dir.resolve("get-out.bin");
        int port = TestServers.closedPort();
        Process process = null;
        try {
            // -WWW answers as HTTP/1.0 with a body that ends when the connection closes (the 2570 case).
            process = new ProcessBuilder(openssl.toString(), "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                    cert.toString(), "-key", dir.resolve("key.pem").toString(), "-WWW", "-quiet")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("s_server.log").toFile())
                    .start();
            PeerBinaries.awaitListening(port, process, 20);
            CommandRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CommandRun.of("get", "-v", "--cacert",
                    cert.toString(), "-o", output.toString(), "https://127.0.0.1:" + port + "/page.bin"));
            assertThat(run.exitStatus()).as(run.stderr()).isZero();
            assertThat(run.stderr()).contains("< HTTP/1.0 200").contains("close reason: CLEAN");
            assertThat(PeerBinaries.sha256(Files.readAllBytes(output))).isEqualTo(PeerBinaries.sha256(content));
        } finally {
            PeerBinaries.stop(process);
        }
    }
}
