package dev.meerkat.tls.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.BlockingConnection;
import dev.meerkat.Connection;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BlockingConnection} from virtual threads (JDK 21+ test set): many TLS echo sessions on
 * virtual threads, blocking on both sides (an acceptor serves each connection on a virtual thread
 * too), on every available provider. The loop thread does every TLS step, so JFR records no
 * {@code jdk.VirtualThreadPinned} event: no virtual thread blocked while pinned to its carrier.
 */
@Timeout(120)
class BlockingVirtualThreadsTest {
    private static final TestPki PKI = TestPki.get();
    private static final int SESSIONS = 50;
    private static final int BYTES = 100_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource(ProviderPairs.PROVIDERS)
    void manyEchoSessionsOnVirtualThreadsNeverPin(String provider) throws Exception {
        // A first class load blocks on a monitor and pins (a JDK matter, not Meerkat's): load them first.
        runSessions(provider, 1);
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            runSessions(provider, SESSIONS);
            recording.stop();
            Path file = Files.createTempFile("blocking-virtual-threads", ".jfr");
            try {
                recording.dump(file);
                // Meerkat's own events (enabled by default) are in the recording too.
                List<RecordedEvent> pinned = RecordingFile.readAllEvents(file).stream()
                        .filter(event -> event.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                        .toList();
                assertThat(pinned).as("virtual threads pinned while blocking").isEmpty();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void runSessions(String provider, int count) throws Exception {
        Options server = Options.defaults().withTls(TlsProviders.named(provider).newContext(PKI.serverConfig(PKI.server()).build()));
        Options client = Options.defaults().withTls(TlsProviders.named(provider).newContext(PKI.clientConfig().build()));
        try (Manager manager = new Manager().start();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Connection listener = manager.listenAsync("tls://127.0.0.1:0", server, BlockingConnection.acceptor(
                    c -> threads.submit(() -> echo(c)))).get(15, TimeUnit.SECONDS);
            String url = "tls://localhost:" + listener.localAddress().getPort();
            List<Future<byte[]>> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] data = new byte[BYTES];
                Arrays.fill(data, (byte) i);
                sessions.add(threads.submit(() -> exchange(manager, url, client, data)));
            }
            for (int i = 0; i < count; i++) {
                byte[] got = sessions.get(i).get(60, TimeUnit.SECONDS);
                assertThat(got).as("session %d", i).hasSize(BYTES).containsOnly((byte) i);
            }
        }
    }

    private static byte[] exchange(Manager manager, String url, Options client, byte[] data) throws Exception {
        if (!Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("expected a virtual thread but ran on " + Thread.currentThread());
        }
        try (BlockingConnection c = BlockingConnection.connect(manager, url, client)) {
            c.readTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30));
            CompletableFuture<Void> written = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    c.outputStream().write(data);
                    c.flush();
                    written.complete(null);
                } catch (IOException e) {
                    written.completeExceptionally(e);
                }
            });
            byte[] got = c.inputStream().readNBytes(data.length);
            written.get(30, TimeUnit.SECONDS);
            return got;
        }
    }

    private static Void echo(BlockingConnection c) throws Exception {
        try (c) {
            c.readTimeout(Duration.ofSeconds(30));
            byte[] buffer = new byte[8192];
            for (int n = c.inputStream().read(buffer); n > 0; n = c.inputStream().read(buffer)) {
                c.outputStream().write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The client closed after its echo: how the connection ended does not matter here.
        }
        return null;
    }
}
