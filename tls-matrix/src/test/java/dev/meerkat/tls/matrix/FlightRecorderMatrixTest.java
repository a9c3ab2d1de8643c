package dev.meerkat.tls.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.BlockingConnection;
import dev.meerkat.ConnectionClosedException;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a production recording shows: on every available provider, one exchange the server ends
 * without close_notify; grouping the {@code dev.meerkat.ConnectionClose} events by provider and
 * reason counts the clients' truncations per provider, and every handshake names its real protocol
 * and cipher suite.
 */
@Timeout(120)
class FlightRecorderMatrixTest {
    private static final TestPki PKI = TestPki.get();

    @Test
    void aRecordingCountsTruncationsPerProvider() throws Exception {
        List<String> providers = ProviderPairs.availableProviders();
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable("dev.meerkat.TlsHandshake").withThreshold(Duration.ZERO);
            recording.enable("dev.meerkat.ConnectionClose");
            recording.start();
            for (String provider : providers) {
                truncatedExchange(provider);
            }
            recording.stop();
            events = read(recording);
        }
        Map<String, Integer> truncatedClients = new TreeMap<>();
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("dev.meerkat.ConnectionClose") && e.getBoolean("client")
                    && e.getBoolean("truncation")) {
                truncatedClients.merge(e.getString("provider") + " " + e.getString("reason"), 1, Integer::sum);
            }
        }
        Map<String, Integer> expected = new TreeMap<>();
        providers.forEach(p -> expected.put(p + " TRUNCATED_NO_CLOSE_NOTIFY", 1));
        assertThat(truncatedClients).isEqualTo(expected);
        assertThat(events.stream().filter(e -> e.getEventType().getName().equals("dev.meerkat.TlsHandshake")))
                .hasSize(2 * providers.size())
                .allSatisfy(e -> {
                    assertThat(e.getString("protocol")).startsWith("TLSv1.");
                    assertThat(e.getString("cipherSuite")).startsWith("TLS_");
                    assertThat(e.getString("failure")).isNull();
                });
    }

    /** The server sends a few bytes at the client's first byte, then closes without close_notify. */
    private static void truncatedExchange(String provider) throws Exception {
        Options server = Options.defaults().withTls(TlsProviders.named(provider).newContext(PKI.serverConfig(PKI.server()).build()));
        Options client = Options.defaults().withTls(TlsProviders.named(provider).newContext(PKI.clientConfig().build()));
        try (Manager manager = new Manager().start()) {
            int port = manager.listenAsync("tls://127.0.0.1:0", server, (c, e) -> {
                if (e instanceof Event.Read read) {
                    read.data().position(read.data().limit());
                    c.send(new byte[] {1, 2, 3});
                    c.attach(Boolean.TRUE);
                } else if (e instanceof Event.Write w && w.queued() == 0 && c.attachment() != null) {
                    c.close();
                }
            }).get(15, TimeUnit.SECONDS).localAddress().getPort();
            try (BlockingConnection c = BlockingConnection.connect(manager, "tls://localhost:" + port, client)) {
                c.outputStream().write('?');
                assertThat(c.inputStream().readNBytes(3)).containsExactly(1, 2, 3);
                try {
                    c.inputStream().read();
                    throw new AssertionError("expected the truncation to be reported on " + provider);
                } catch (ConnectionClosedException expected) {
                    assertThat(expected.reason().isTruncation()).isTrue();
                }
            }
        }
    }

    private static List<RecordedEvent> read(Recording recording) throws Exception {
        Path file = Files.createTempFile("meerkat-matrix", ".jfr");
        try {
            recording.dump(file);
            return RecordingFile.readAllEvents(file);
        } finally {
            Files.delete(file);
        }
    }
}
