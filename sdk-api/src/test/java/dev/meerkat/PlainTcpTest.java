package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlainTcpTest {
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
        assertThat(manager.bufferedBytes()).isZero();
    }

    /** Echoes every Read back. */
    static final Handler ECHO = (c, e) -> {
        if (e instanceof Event.Read read) {
            c.send(read.data());
        }
    };

    private Connection listen(Handler handler) {
        return manager.listen("tcp://127.0.0.1:0", handler);
    }

    private String url(Connection listener) {
        return "tcp://127.0.0.1:" + listener.localAddress().getPort();
    }

    @Test
    void echoesThroughTheServerAndFiresEventsInOrder() {
        Connection listener = listen(ECHO);
        assertThat(listener.localAddress().getPort()).isPositive();
        EventLog client = new EventLog();
        Connection conn = manager.connect(url(listener), client);
        conn.send("hello".getBytes(StandardCharsets.US_ASCII));
        pollUntil(manager, () -> client.received().length == 5, "the echo");
        assertThat(new String(client.received(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(client.kinds()).startsWith("Open", "Resolve", "Connect");
        conn.close();
        pollUntil(manager, client::closed, "Close");
        assertThat(client.close().reason()).isEqualTo(CloseReason.LOCAL);
        assertThat(client.events.get(client.events.size() - 1)).isInstanceOf(Event.Close.class);
        assertThat(client.count(Event.Close.class)).isEqualTo(1);
    }

    @Test
    void deliversManySmallWritesInOrder() {
        Connection listener = listen(ECHO);
        EventLog client = new EventLog();
        Connection conn = manager.connect(url(listener), client);
        byte[] expected = new byte[20_000];
        ThreadLocalRandom.current().nextBytes(expected);
        int[] sent = {0};
        pollUntil(manager, () -> {
            if (sent[0] < expected.length) {
                int size = Math.min(1 + ThreadLocalRandom.current().nextInt(7), expected.length - sent[0]);
                assertThat(conn.send(ByteBuffer.wrap(expected, sent[0], size))).isTrue();
                sent[0] += size;
            }
            return client.received().length == expected.length;
        }, "every byte echoed");
        assertThat(client.received()).isEqualTo(expected);
    }

    @Test
    void peerFinClosesCleanAfterEveryByte() {
        EventLog server = new EventLog();
        Connection listener = listen(server);
        Connection conn = manager.connect(url(listener), (c, e) -> { });
        conn.send(new byte[100_000]);
        conn.closeAfterFlush();
        pollUntil(manager, server::closed, "the server's Close");
        assertThat(server.received()).hasSize(100_000);
        assertThat(server.close().reason()).isEqualTo(CloseReason.CLEAN);
        assertThat(server.kinds()).startsWith("Open", "Accept");
    }

    /**
     * Linux reports a peer's reset once, to whichever call comes first. While reading is paused the
     * write takes it, and the read after sees the bytes still held, then only EOF: the close is
     * still RESET.
     */
    @Test
    void aResetTakenByAWriteWhileReadingIsPausedClosesAsReset() throws Exception {
        byte[] answer = "answered before the reset".getBytes(StandardCharsets.US_ASCII);
        try (RawPeer peer = new RawPeer(socket -> {
            socket.getOutputStream().write(answer);
            socket.getInputStream().readNBytes(100_000);
            socket.setSoLinger(true, 0);
        })) {
            EventLog client = new EventLog();
            int backlog = 32 * 1024 * 1024;
            Connection conn = manager.connect(peer.url(), Options.defaults().withSendLimit(backlog), client);
            conn.pauseReading();
            // More than loopback's socket buffers hold: the write is still backed up at the reset.
            assertThat(conn.send(new byte[backlog])).isTrue();
            pollUntil(manager, () -> conn.queuedBytes() == 0, "the write to fail and drop the queue");
            peer.join();
            assertThat(client.closed()).as("no Close while reading is paused").isFalse();

            conn.resumeReading();
            pollUntil(manager, client::closed, "Close after the held bytes");

            assertThat(client.received()).isEqualTo(answer);
            assertThat(client.close().reason()).isEqualTo(CloseReason.RESET);
            assertThat(client.close().cause()).hasMessageContaining("write failed");
        }
    }

    @Test
    void connectRefusedFiresErrorThenCloseNamingTheAddress() {
        Connection listener = listen(ECHO);
        String refused = url(listener);
        listener.close();
        pollUntil(manager, () -> manager.connections().isEmpty(), "the listener gone");
        EventLog client = new EventLog();
        manager.connect(refused, client);
        pollUntil(manager, client::closed, "Close");
        assertThat(client.has(Event.Error.class)).isTrue();
        assertThat(client.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(client.close().cause()).hasMessageContaining(refused.substring("tcp://".length()));
        assertThat(client.kinds()).endsWith("Error", "Close");
    }

    @Test
    void idleTimeoutClosesWithError() {
        Connection listener = listen(ECHO);
        EventLog client = new EventLog();
        manager.connect(url(listener), Options.defaults().withIdleTimeout(Duration.ofMillis(200)), client);
        pollUntil(manager, client::closed, "the idle timeout");
        assertThat(client.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(client.close().cause()).hasMessageContaining("idle for").hasMessageContaining("limit 200 ms");
    }

    @Test
    void resolvesHostNamesOffTheLoopThread() {
        Connection listener = listen(ECHO);
        Thread loopThread = Thread.currentThread();
        EventLog client = new EventLog();
        Connection conn = manager.connect("tcp://localhost:" + listener.localAddress().getPort(), client);
        // connect() returned without resolving: the loop thread never blocked on the lookup.
        assertThat(conn.remoteAddress()).isNull();
        assertThat(client.kinds()).containsExactly("Open");
        pollUntil(manager, () -> client.has(Event.Connect.class) || client.closed(), "Connect");
        Event.Resolve resolve = (Event.Resolve) client.events.stream()
                .filter(Event.Resolve.class::isInstance).findFirst().orElseThrow();
        assertThat(resolve.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(Thread.currentThread()).isSameAs(loopThread);
    }

    @Test
    void handlerExceptionBecomesErrorAndClose() {
        Connection listener = listen(ECHO);
        EventLog client = new EventLog() {
            @Override
            void onRead(Connection connection, ByteBuffer data) {
                throw new IllegalStateException("boom");
            }
        };
        Connection conn = manager.connect(url(listener), client);
        conn.send(new byte[] {1});
        pollUntil(manager, client::closed, "Close");
        assertThat(client.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(client.close().cause()).hasMessage("boom");
        assertThat(client.kinds()).endsWith("Read", "Error", "Close");
    }

    @Test
    void managerCloseClosesEveryConnectionAndReleasesBuffers() {
        Connection listener = listen(ECHO);
        EventLog client = new EventLog();
        Connection conn = manager.connect(url(listener), client);
        pollUntil(manager, () -> client.has(Event.Connect.class), "Connect");
        conn.send(new byte[10]);
        pollUntil(manager, () -> manager.connections().size() == 3, "the accepted connection");
        manager.close();
        assertThat(client.close().reason()).isEqualTo(CloseReason.LOCAL);
        assertThat(manager.connections()).isEmpty();
        assertThat(manager.bufferedBytes()).isZero();
    }

    @Test
    void closeFromAnotherThreadStopsRun() throws Exception {
        Connection listener = listen(ECHO);
        EventLog client = new EventLog();
        manager.connect(url(listener), client);
        Thread loop = new Thread(manager::run, "test-loop");
        loop.start();
        Thread.sleep(100);
        manager.close();
        loop.join(5000);
        assertThat(loop.isAlive()).isFalse();
        assertThat(client.close()).isNotNull();
        assertThat(List.of(CloseReason.LOCAL)).contains(client.close().reason());
    }
}
