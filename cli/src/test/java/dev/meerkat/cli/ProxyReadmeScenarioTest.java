package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faults.FaultProxy;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "meerkat proxy" scenario, command for command (on free ports): {@code openssl
 * s_server -WWW} sends a close-delimited body, {@code meerkat proxy --fault cut-after=100000} cuts
 * it inside a record, curl exits 0 with the short body and {@code meerkat get} reports the
 * truncation. Needs openssl and curl; fails on CI without them.
 */
@Timeout(120)
class ProxyReadmeScenarioTest {

    private static final int BODY_BYTES = 200_000;

    @Test
    void curlHidesTheCutAndMeerkatGetReportsIt(@TempDir Path dir) throws Exception {
        String openssl = PeerBinaries.require("openssl").toString();
        String curl = PeerBinaries.require("curl").toString();
        byte[] body = TestServers.randomBytes(BODY_BYTES, 21);
        Files.write(dir.resolve("big.bin"), body);
        run(dir, openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1");
        int serverPort = TestServers.closedPort();
        try (RealPeerProcess server = RealPeerProcess.start("s_server", dir, List.of(openssl, "s_server", "-WWW",
                "-accept", Integer.toString(serverPort), "-cert", "cert.pem", "-key", "key.pem"))
                .awaitListening(serverPort);
             FaultProxy proxy = ProxyCommand.parse(List.of("--listen", "tcp://127.0.0.1:0", "--upstream",
                     "127.0.0.1:" + serverPort, "--fault", "cut-after=100000")).start(quiet(), quiet())) {
            String url = "https://127.0.0.1:" + proxy.port() + "/big.bin";

            int curlExit = run(dir, curl, "-sk", url, "-o", "curl.bin");
            byte[] curlGot = Files.readAllBytes(dir.resolve("curl.bin"));
            assertThat(curlExit).as("curl's exit status").isZero();
            assertThat(curlGot.length).isLessThan(BODY_BYTES);
            assertThat(curlGot).isEqualTo(Arrays.copyOf(body, curlGot.length));

            CommandRun get = CommandRun.of("get", "-k", url, "-o", dir.resolve("meerkat.bin").toString());
            assertThat(get.exitStatus()).as(get.toString()).isEqualTo(Failure.TRUNCATED.exitStatus());
            assertThat(get.stderr()).contains("meerkat get: truncated: ");
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** Runs a program in {@code dir} to its end (at most 30 s); returns its exit status. */
    private static int run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("expected " + command[0] + " to finish within 30 s; its output: "
                    + Files.readString(dir.resolve("run.log")));
        }
        return process.exitValue();
    }
}
