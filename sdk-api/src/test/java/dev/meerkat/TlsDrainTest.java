package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static dev.meerkat.faketls.FakeRecords.closeNotify;
import static dev.meerkat.faketls.FakeRecords.concat;
import static dev.meerkat.faketls.FakeRecords.data;
import static dev.meerkat.faketls.FakeRecords.hello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faketls.FakeRecords;
import dev.meerkat.faketls.FakeTlsContext;
import dev.meerkat.tls.TlsException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The drain invariant through the real Manager, over loopback, with a fake record engine. */
class TlsDrainTest {
    private static final byte[] ONE = bytes("first record;");
    private static final byte[] TWO = bytes("second record;");
    private static final byte[] THREE = bytes("third and last record");
    private static final byte[] ALL = concat(ONE, TWO, THREE);

    private final Manager manager = new Manager();
    private final FakeTlsContext context = new FakeTlsContext();

    @AfterEach
    void closeManager() {
        manager.close();
        assertThat(manager.bufferedBytes()).isZero();
        context.engines().forEach(engine -> assertThat(engine.closes()).isEqualTo(1));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private EventLog connect(RawPeer peer, Options options) {
        EventLog log = new EventLog();
        manager.connect(peer.url(), options.withTls(context), log);
        pollUntil(manager, log::closed, "Close");
        return log;
    }

    private EventLog runAgainst(RawPeer.Script script) throws Exception {
        try (RawPeer peer = new RawPeer(script)) {
            EventLog log = connect(peer, Options.defaults());
            peer.join();
            return log;
        }
    }

    /** The peer's script: read the client hello, write {@code wire} in one write, then FIN. */
    private static RawPeer.Script writesThenFin(byte[] wire) {
        return socket -> {
            RawPeer.readRecord(socket);
            OutputStream out = socket.getOutputStream();
            out.write(wire);
            out.flush();
            socket.shutdownOutput();
        };
    }

    @Test
    void deliversEveryRecordOfOneSegmentWithCloseNotifyAndFin() throws Exception {
        // Mongoose 2570/2668/3104: records, close_notify and FIN arriving together must all be read.
        EventLog log = runAgainst(writesThenFin(concat(hello(), data(ONE), data(TWO), data(THREE), closeNotify())));
        assertThat(log.received()).isEqualTo(ALL);
        assertThat(log.close().reason()).isEqualTo(CloseReason.CLEAN);
        assertThat(log.kinds()).containsSubsequence("Open", "Resolve", "Connect", "TlsHandshake", "Read", "Close");
    }

    @Test
    void recordsWithoutCloseNotifyAreTruncated() throws Exception {
        EventLog log = runAgainst(writesThenFin(concat(hello(), data(ONE), data(TWO), data(THREE))));
        assertThat(log.received()).isEqualTo(ALL);
        assertThat(log.close().reason()).isEqualTo(CloseReason.TRUNCATED_NO_CLOSE_NOTIFY);
    }

    @Test
    void endingInsideARecordIsAPartialRecord() throws Exception {
        byte[] last = data(THREE);
        EventLog log = runAgainst(writesThenFin(concat(hello(), data(ONE), data(TWO), Arrays.copyOf(last, 9))));
        assertThat(log.received()).isEqualTo(concat(ONE, TWO));
        assertThat(log.close().reason()).isEqualTo(CloseReason.TRUNCATED_PARTIAL_RECORD);
    }

    /**
     * The TLS side of PlainTcpTest's reset taken by a write: the records held when the write took
     * the reset are delivered, and the EOF after them is RESET, not a missing close_notify.
     */
    @Test
    void aResetTakenByAWriteWhileReadingIsPausedDeliversTheRecordsThenReset() throws Exception {
        int backlog = 32 * 1024 * 1024;
        EventLog log = new EventLog() {
            @Override
            public void handle(Connection connection, Event event) {
                super.handle(connection, event);
                if (event instanceof Event.TlsHandshake) {
                    connection.pauseReading();
                    assertThat(connection.send(new byte[backlog])).isTrue();
                }
            }
        };
        try (RawPeer peer = new RawPeer(socket -> {
            RawPeer.readRecord(socket);
            socket.getOutputStream().write(hello());
            socket.getInputStream().readNBytes(100_000);
            socket.getOutputStream().write(concat(data(ONE), data(TWO)));
            socket.setSoLinger(true, 0);
        })) {
            Connection conn = manager.connect(peer.url(), Options.defaults().withSendLimit(backlog).withTls(context), log);
            pollUntil(manager, () -> log.has(Event.TlsHandshake.class) && conn.queuedBytes() == 0,
                    "the write to fail and drop the queue");
            peer.join();
            assertThat(log.closed()).as("no Close while reading is paused").isFalse();

            conn.resumeReading();
            pollUntil(manager, log::closed, "Close after the held records");
        }
        assertThat(log.received()).isEqualTo(concat(ONE, TWO));
        assertThat(log.close().reason()).isEqualTo(CloseReason.RESET);
        assertThat(log.close().cause()).hasMessageContaining("write failed");
    }

    @Test
    void resetAfterDataDeliversTheDataThenReset() throws Exception {
        EventLog log = new EventLog() {
            @Override
            void onRead(Connection connection, ByteBuffer data) {
                super.onRead(connection, data);
                if (received().length == ALL.length) {
                    connection.send(bytes("got it"));
                }
            }
        };
        try (RawPeer peer = new RawPeer(socket -> {
            RawPeer.readRecord(socket);
            socket.getOutputStream().write(concat(hello(), data(ONE), data(TWO), data(THREE)));
            // Reset only once the client read everything: a reset discards unread kernel buffers.
            byte[] reply = RawPeer.readRecord(socket);
            assertThat(FakeRecords.plaintextOf(reply)).isEqualTo(bytes("got it"));
            socket.setSoLinger(true, 0);
            socket.close();
        })) {
            manager.connect(peer.url(), Options.defaults().withTls(context), log);
            pollUntil(manager, log::closed, "Close");
            peer.join();
        }
        assertThat(log.received()).isEqualTo(ALL);
        assertThat(log.close().reason()).isEqualTo(CloseReason.RESET);
    }

    @Test
    void pausedReadingMakesTheEndWaitAndLosesNothing() throws Exception {
        pausedReadingLosesNothing(context);
    }

    @Test
    void pausedReadingLosesNothingWithAnEngineThatTakesAllInputAtOnce() throws Exception {
        pausedReadingLosesNothing(new FakeTlsContext(true));
    }

    /** Three full-size records and two small ones, taken 64 bytes per Read with a pause after each. */
    private void pausedReadingLosesNothing(FakeTlsContext engines) throws Exception {
        byte[] big = new byte[FakeRecords.MAX_PAYLOAD];
        new java.util.Random(7).nextBytes(big);
        boolean[] paused = {false};
        boolean[] closedWhilePaused = {false};
        Connection[] conn = {null};
        EventLog log = new EventLog() {
            @Override
            public void handle(Connection c, Event event) {
                conn[0] = c;
                if (event instanceof Event.Close) {
                    closedWhilePaused[0] = paused[0];
                }
                super.handle(c, event);
            }

            @Override
            void onRead(Connection c, ByteBuffer data) {
                byte[] some = new byte[Math.min(64, data.remaining())];
                data.get(some);
                received.writeBytes(some);
                c.pauseReading();
                paused[0] = true;
            }
        };
        byte[] wire = concat(hello(), data(big), data(big), data(big), data(ONE), data(TWO), closeNotify());
        try (RawPeer peer = new RawPeer(writesThenFin(wire))) {
            manager.connect(peer.url(), Options.defaults().withTls(engines).withReceiveLimit(16), log);
            for (int rounds = 0; !log.closed() && rounds < 20_000; rounds++) {
                manager.poll(1);
                manager.poll(1);
                paused[0] = false;
                if (conn[0] != null) {
                    conn[0].resumeReading();
                }
            }
            peer.join();
        }
        assertThat(closedWhilePaused[0]).isFalse();
        assertThat(log.received()).isEqualTo(concat(big, big, big, ONE, TWO));
        assertThat(log.close().reason()).isEqualTo(CloseReason.CLEAN);
    }

    @Test
    void handshakeFiresOnceDespitePostHandshakeTicket() throws Exception {
        EventLog log = runAgainst(writesThenFin(concat(hello(), FakeRecords.ticket(), data(ONE),
                FakeRecords.ticket(), closeNotify())));
        assertThat(log.count(Event.TlsHandshake.class)).isEqualTo(1);
        assertThat(log.received()).isEqualTo(ONE);
        assertThat(log.close().reason()).isEqualTo(CloseReason.CLEAN);
    }

    @Test
    void answersCloseNotifyAndRefusesSendsAfterIt() throws Exception {
        boolean[] sendResult = {true};
        EventLog log = new EventLog() {
            @Override
            void onRead(Connection connection, ByteBuffer data) {
                super.onRead(connection, data);
                sendResult[0] = connection.send(bytes("too late"));
            }
        };
        byte[][] answer = {null};
        try (RawPeer peer = new RawPeer(socket -> {
            RawPeer.readRecord(socket);
            socket.getOutputStream().write(concat(hello(), data(ONE), closeNotify()));
            answer[0] = RawPeer.readRecord(socket);
        })) {
            manager.connect(peer.url(), Options.defaults().withTls(context), log);
            pollUntil(manager, log::closed, "Close");
            peer.join();
        }
        assertThat(log.received()).isEqualTo(ONE);
        assertThat(sendResult[0]).as("send after the peer's close_notify").isFalse();
        assertThat(answer[0]).isEqualTo(closeNotify());
        assertThat(log.close().reason()).isEqualTo(CloseReason.CLEAN);
    }

    @Test
    void garbageDeliversEarlierDataThenErrorWithTheAlert() throws Exception {
        byte[][] alert = {null};
        EventLog log;
        try (RawPeer peer = new RawPeer(socket -> {
            RawPeer.readRecord(socket);
            socket.getOutputStream().write(concat(hello(), data(ONE), new byte[] {99, 3, 3, 0, 1, 0}));
            alert[0] = RawPeer.readRecord(socket);
        })) {
            log = connect(peer, Options.defaults());
            peer.join();
        }
        assertThat(log.received()).isEqualTo(ONE);
        assertThat(log.kinds()).endsWith("Read", "Error", "Close");
        assertThat(log.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(log.close().cause()).isInstanceOf(TlsException.class).hasMessageContaining("was 99");
        assertThat(alert[0][0]).isEqualTo((byte) FakeRecords.ALERT);
    }

    @Test
    void sendsQueuedBeforeTheHandshakeOnceItCompletes() throws Exception {
        byte[][] got = {null};
        try (RawPeer peer = new RawPeer(socket -> {
            RawPeer.readRecord(socket);
            socket.getOutputStream().write(hello());
            got[0] = RawPeer.readRecord(socket);
            assertThat(RawPeer.readRecord(socket)).isEqualTo(closeNotify());
        })) {
            EventLog log = new EventLog();
            Connection conn = manager.connect(peer.url(), Options.defaults().withTls(context), log);
            assertThat(conn.send(bytes("early"))).isTrue();
            conn.closeAfterFlush();
            pollUntil(manager, log::closed, "Close");
            peer.join();
            assertThat(log.close().reason()).isEqualTo(CloseReason.LOCAL);
        }
        assertThat(FakeRecords.plaintextOf(got[0])).isEqualTo(bytes("early"));
    }

    @Test
    void serverSideHandshakesAndEchoes() throws Exception {
        EventLog server = new EventLog() {
            @Override
            void onRead(Connection connection, ByteBuffer data) {
                connection.send(data);
            }
        };
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults().withTls(context), server);
        assertThat(listener.isTls()).isTrue();
        byte[][] echoed = {null};
        Thread client = new Thread(() -> {
            try (Socket socket = new Socket("127.0.0.1", listener.localAddress().getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(concat(hello(), data(ONE)));
                RawPeer.readRecord(socket);
                echoed[0] = RawPeer.readRecord(socket);
                socket.getOutputStream().write(closeNotify());
                RawPeer.readRecord(socket);
            } catch (Exception e) {
                echoed[0] = bytes(e.toString());
            }
        });
        client.start();
        pollUntil(manager, server::closed, "the server's Close");
        client.join(10_000);
        assertThat(FakeRecords.plaintextOf(echoed[0])).isEqualTo(ONE);
        assertThat(server.kinds()).startsWith("Open", "Accept", "TlsHandshake");
        assertThat(server.close().reason()).isEqualTo(CloseReason.CLEAN);
    }

    @Test
    void localCloseDeliversEveryRecordAlreadyReadThenLocal() throws Exception {
        EventLog log = new EventLog() {
            @Override
            void onRead(Connection connection, ByteBuffer data) {
                super.onRead(connection, data);
                connection.close();
            }
        };
        try (RawPeer peer = new RawPeer(socket -> {
            RawPeer.readRecord(socket);
            socket.getOutputStream().write(concat(hello(), data(ONE), data(TWO), data(THREE)));
            socket.getInputStream().read();
        })) {
            // The receive limit stops decoding after the first record: close() must still drain the rest.
            manager.connect(peer.url(), Options.defaults().withTls(context).withReceiveLimit(4), log);
            pollUntil(manager, log::closed, "Close");
            peer.join();
        }
        assertThat(log.received()).isEqualTo(ALL);
        assertThat(log.close().reason()).isEqualTo(CloseReason.LOCAL);
    }

    @Test
    void silentPeerHitsTheHandshakeTimeout() throws Exception {
        try (RawPeer peer = new RawPeer(socket -> socket.getInputStream().readAllBytes())) {
            EventLog log = connect(peer, Options.defaults().withHandshakeTimeout(java.time.Duration.ofMillis(200)));
            assertThat(log.close().reason()).isEqualTo(CloseReason.ERROR);
            assertThat(log.close().cause()).hasMessageContaining("handshake took").hasMessageContaining("limit 200 ms");
            assertThat(log.has(Event.TlsHandshake.class)).isFalse();
            peer.join();
        }
    }

    @Test
    void peerClosingDuringTheHandshakeIsAHandshakeError() throws Exception {
        EventLog log = runAgainst(socket -> RawPeer.readRecord(socket));
        assertThat(log.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(log.close().cause()).isInstanceOf(TlsException.class).hasMessageContaining("during the TLS handshake");
    }
}
