package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meerkat serve} honours SSLKEYLOGFILE as curl does, and says why when its provider cannot. */
class ServeKeyLogTest {

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
        assertThat(Files.readAllLines(keyLog)).extracting(line -> line.split(" ")[0]).containsExactlyInAnyOrder(
                "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0",
                "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");
        assertThat(Files.readString(dir.resolve("serve.err"))).contains("TLS key log on").contains(keyLog.toString());
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
