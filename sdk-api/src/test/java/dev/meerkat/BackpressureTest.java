package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackpressureTest {
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
        assertThat(manager.bufferedBytes()).isZero();
    }

    /** A server that consumes only when told to. */
    static class HoldingServer extends EventLog {
        boolean consume;
        Connection connection;
        int largestOffer;

        @Override
        public void handle(Connection c, Event event) {
            if (event instanceof Event.Accept) {
                connection = c;
            }
            super.handle(c, event);
        }

        @Override
        void onRead(Connection c, ByteBuffer data) {
            largestOffer = Math.max(largestOffer, data.remaining());
            if (consume) {
                super.onRead(c, data);
            }
        }
    }

    @Test
    void receiveLimitStopsReadingUntilTheHandlerConsumes() {
        HoldingServer server = new HoldingServer();
        Connection listener = manager.listen("tcp://127.0.0.1:0",
                Options.defaults().withReceiveLimit(1000), server);
        Connection client = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(), (c, e) -> { });
        assertThat(client.send(new byte[50_000])).isTrue();
        client.closeAfterFlush();
        pollUntil(manager, () -> server.largestOffer >= 1000, "the limit reached");
        for (int i = 0; i < 20; i++) {
            manager.poll(5);
        }
        // Nothing consumed: the server stopped reading at the limit (one read may overshoot by nothing).
        assertThat(server.largestOffer).isEqualTo(1000);
        assertThat(server.closed()).isFalse();
        server.consume = true;
        server.connection.resumeReading();
        pollUntil(manager, server::closed, "everything read");
        assertThat(server.received()).hasSize(50_000);
        assertThat(server.close().reason()).isEqualTo(CloseReason.CLEAN);
    }

    @Test
    void largeSendEndsWithAWriteEventWithNothingQueued() {
        EventLog server = new EventLog();
        Connection listener = manager.listen("tcp://127.0.0.1:0", server);
        EventLog client = new EventLog();
        Connection conn = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(),
                Options.defaults().withSendLimit(4_000_000), client);
        assertThat(conn.send(new byte[3_000_000])).isTrue();
        assertThat(conn.queuedBytes()).isEqualTo(3_000_000);
        pollUntil(manager, () -> client.events.stream()
                .anyMatch(e -> e instanceof Event.Write w && w.queued() == 0), "Write with queued 0");
        assertThat(conn.queuedBytes()).isZero();
        pollUntil(manager, () -> server.received().length == 3_000_000, "every byte at the server");
    }

    @Test
    void sendRefusesDataOverTheSendLimit() {
        Connection listener = manager.listen("tcp://127.0.0.1:0", (c, e) -> { });
        Connection conn = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(),
                Options.defaults().withSendLimit(100), (c, e) -> { });
        assertThat(conn.send(new byte[60])).isTrue();
        ByteBuffer tooMuch = ByteBuffer.wrap(new byte[41]);
        assertThat(conn.send(tooMuch)).isFalse();
        assertThat(tooMuch.remaining()).isEqualTo(41);
        assertThat(conn.send(new byte[40])).isTrue();
        assertThat(conn.queuedBytes()).isEqualTo(100);
    }

    @Test
    void pausedReadingHoldsTheEndOfInputUntilResumed() {
        boolean[] paused = {false};
        boolean[] closedWhilePaused = {false};
        HoldingServer server = new HoldingServer() {
            @Override
            public void handle(Connection c, Event event) {
                if (event instanceof Event.Close) {
                    closedWhilePaused[0] = paused[0];
                }
                super.handle(c, event);
            }

            @Override
            void onRead(Connection c, ByteBuffer data) {
                super.onRead(c, data);
                c.pauseReading();
                paused[0] = true;
            }
        };
        server.consume = true;
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults().withReceiveLimit(64), server);
        Connection client = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(), (c, e) -> { });
        client.send(new byte[10_000]);
        client.closeAfterFlush();
        pollUntil(manager, () -> server.connection != null && server.has(Event.Read.class), "a Read");
        for (int rounds = 0; !server.closed() && rounds < 2000; rounds++) {
            for (int i = 0; i < 3; i++) {
                manager.poll(1);
            }
            paused[0] = false;
            server.connection.resumeReading();
        }
        pollUntil(manager, server::closed, "Close");
        assertThat(closedWhilePaused[0]).as("Close fired while reading was paused").isFalse();
        assertThat(server.largestOffer).isLessThanOrEqualTo(64);
        assertThat(server.received()).hasSize(10_000);
        assertThat(server.close().reason()).isEqualTo(CloseReason.CLEAN);
    }
}
