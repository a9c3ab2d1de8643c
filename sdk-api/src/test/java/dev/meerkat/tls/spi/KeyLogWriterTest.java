package dev.meerkat.tls.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one key log writer every provider hands its secrets to. */
class KeyLogWriterTest {

    @TempDir
    Path dir;

    @Test
    void noKeyLogMeansNoWriter() throws Exception {
        assertThat(KeyLogWriter.of(TlsConfig.client().build())).isNull();
    }

    @Test
    void writesASecretAsAnNssLine() throws Exception {
        Path file = dir.resolve("keys.log");
        KeyLogWriter writer = KeyLogWriter.of(TlsConfig.client().keyLog(file).build());
        writer.secret("CLIENT_RANDOM", new byte[] {0x01, (byte) 0xab}, new byte[] {(byte) 0xff, 0x00, 0x7f});
        writer.line("EXPORTER_SECRET 01ab 99");
        assertThat(Files.readAllLines(file)).containsExactly("CLIENT_RANDOM 01ab ff007f", "EXPORTER_SECRET 01ab 99");
    }

    @Test
    void oneWriterPerFileWarnsOnce() throws Exception {
        Path file = dir.resolve("shared.log");
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(KeyLogWriter.class.getName());
        logger.addHandler(handler);
        try {
            KeyLogWriter first = KeyLogWriter.of(TlsConfig.client().keyLog(file).build());
            Path sameFile = dir.resolve("sub").resolve("..").resolve("shared.log");
            KeyLogWriter second = KeyLogWriter.of(TlsConfig.server(dev.meerkat.tls.KeyMaterial.selfSigned("localhost"))
                    .keyLog(sameFile).build());
            assertThat(second).isSameAs(first);
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(warnings).singleElement().asString().startsWith("WARNING TLS key log on")
                .contains(file.toString()).contains("decrypt");
    }

    @Test
    void createsTheFileForItsOwnerOnly() throws Exception {
        Path file = dir.resolve("private.log");
        KeyLogWriter.of(TlsConfig.client().keyLog(file).build());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void appendsToAnExistingFile() throws Exception {
        Path file = Files.writeString(dir.resolve("old.log"), "# earlier\n");
        KeyLogWriter.of(TlsConfig.client().keyLog(file).build()).line("CLIENT_RANDOM aa bb");
        assertThat(Files.readAllLines(file)).containsExactly("# earlier", "CLIENT_RANDOM aa bb");
    }

    @Test
    void refusesADirectory() {
        assertThatThrownBy(() -> KeyLogWriter.of(TlsConfig.client().keyLog(dir).build()))
                .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                .hasMessageContaining(dir.toString()).hasMessageContaining("directory");
    }

    /** Four threads, 500 lines each: every line arrives whole, none interleaved with another. */
    @Test
    void linesOfConcurrentWritersNeverInterleave() throws Exception {
        Path file = dir.resolve("busy.log");
        KeyLogWriter writer = KeyLogWriter.of(TlsConfig.client().keyLog(file).build());
        byte[] secret = new byte[48];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                byte[] random = new byte[32];
                random[0] = (byte) t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        random[31] = (byte) i;
                        random[30] = (byte) (i >> 8);
                        writer.secret("CLIENT_TRAFFIC_SECRET_0", random, secret);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file);
        Set<String> distinct = new HashSet<>(lines);
        assertThat(lines).hasSize(2000).allMatch(l -> l.matches("CLIENT_TRAFFIC_SECRET_0 [0-9a-f]{64} 0{96}"));
        assertThat(distinct).hasSize(2000);
    }
}
