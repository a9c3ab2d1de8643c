package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meerkat serve} and {@code get} honour SSLKEYLOGFILE as curl does, and say why when their provider cannot. */
class SslKeyLogFileTest {

    private static final List<String> TLS13_LABELS = List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");

    @TempDir
    Path dir;

    @Test
    void writesTheSecretsToTheFileSslKeyLogFileNames() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello");
        Path keyLog = dir.resolve("keys.log");
        try (ServeChild server = ServeChild.start(dir, Map.of("SSLKEYLOGFILE", keyLog.toString()), List.of(),
                "--dir", dir.toString(), "--listen", "https://127.0.0.1:0", "--tls", "bc")) {
            CommandRun get = CommandRun.of("get", "-k", "--tls", "bc", "https://127.0.0.1:" + server.port() + "/hello.txt");
            assertThat(get.stdoutText()).as(get.toString()).isEqualTo("hello");
        }
        assertThat(Files.readAllLines(keyLog)).extracting(line -> line.split(" ")[0])
                .containsExactlyInAnyOrderElementsOf(TLS13_LABELS);
        assertThat(Files.readString(dir.resolve("serve.err"))).contains("TLS key log on").contains(keyLog.toString());
    }

    /** get in a child JVM, the only way to give it an environment variable. */
    @Test
    void getWritesTheSecretsToTheFileSslKeyLogFileNames() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello");
        Path keyLog = dir.resolve("get-keys.log");
        try (ServeChild server = ServeChild.start(dir, List.of(), "--dir", dir.toString(), "--listen",
                "https://127.0.0.1:0", "--tls", "bc")) {
            ProcessBuilder get = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "get", "-k", "--tls", "bc",
                    "https://127.0.0.1:" + server.port() + "/hello.txt")
                    .redirectOutput(dir.resolve("get.out").toFile()).redirectError(dir.resolve("get.err").toFile());
            get.environment().put("SSLKEYLOGFILE", keyLog.toString());
            Process process = get.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("get exits within 60 s").isTrue();
            assertThat(process.exitValue()).as(Files.readString(dir.resolve("get.err"))).isZero();
        }
        assertThat(Files.readString(dir.resolve("get.out"))).isEqualTo("hello");
        assertThat(Files.readAllLines(keyLog)).extracting(line -> line.split(" ")[0])
                .containsExactlyInAnyOrderElementsOf(TLS13_LABELS);
        assertThat(Files.readString(dir.resolve("get.err"))).contains("TLS key log on");
    }

    @Test
    void refusesToStartWhenItsProviderCannotWriteKeyLogs() {
        Path keyLog = dir.resolve("keys.log");
        assertThatThrownBy(() -> ServeChild.start(dir, Map.of("SSLKEYLOGFILE", keyLog.toString()), List.of(),
                "--dir", dir.toString(), "--listen", "https://127.0.0.1:0", "--tls", "jdk").close())
                .isInstanceOf(IOException.class).hasMessageContaining("cannot write the key log " + keyLog)
                .hasMessageContaining("SunJSSE");
        assertThat(keyLog).doesNotExist();
    }
}
