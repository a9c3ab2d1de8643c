package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The core's outbound backpressure: a connection turns unwritable above the high watermark and
 * writable again at the low one, each change announced once by Event.Writability.
 */
class WritabilityTest {
    private static final int LOW = 16 * 1024;
    private static final int HIGH = 64 * 1024;
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void unwritableAboveTheHighWatermarkUntilTheLowOne() {
        List<Connection> accepted = new ArrayList<>();
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults(), (c, e) -> {
            if (e instanceof Event.Accept) {
                c.pauseReading();
                accepted.add(c);
            } else if (e instanceof Event.Read read) {
                read.data().position(read.data().limit());
            }
        });
        List<Boolean> changes = new ArrayList<>();
        Connection client = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(),
                Options.defaults().withWriteWatermarks(LOW, HIGH).withSendLimit(64 * HIGH), (c, e) -> {
                    if (e instanceof Event.Writability w) {
                        changes.add(w.writable());
                    }
                });
        pollUntil(manager, () -> accepted.size() == 1 && client.localAddress() != null, "the connection");

        assertThat(client.isWritable()).isTrue();
        assertThat(fill(client)).as("bytes queued before turning unwritable").isEqualTo(HIGH + 4096);
        // The kernel's buffers take the first batches (each dip owes a Writability(true)); once they
        // are full the queue stays above HIGH and Writability(false) is announced.
        for (int polls = 0; polls < 10_000 && !changes.contains(false); polls++) {
            manager.poll(1);
            fill(client);
        }
        assertThat(changes).endsWith(false);
        assertThat(changes.subList(0, changes.size() - 1)).containsOnly(true);
        assertThat(client.queuedBytes()).isGreaterThan(LOW);

        int announced = changes.size();
        accepted.get(0).resumeReading();
        pollUntil(manager, () -> changes.size() > announced, "Writability(true) once drained");
        assertThat(changes.get(announced)).isTrue();
        assertThat(client.isWritable()).isTrue();
        assertThat(client.queuedBytes()).isLessThanOrEqualTo(LOW);
    }

    /** Sends 4 KiB buffers while the connection is writable; returns the bytes sent. */
    private static int fill(Connection client) {
        int sent = 0;
        while (client.isWritable()) {
            assertThat(client.send(ByteBuffer.allocate(4096))).isTrue();
            sent += 4096;
        }
        return sent;
    }

    @Test
    void aClosingConnectionIsNotWritable() {
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults(), (c, e) -> { });
        Connection client = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(),
                Options.defaults(), (c, e) -> { });
        pollUntil(manager, () -> client.localAddress() != null, "the connection");
        client.closeAfterFlush();
        assertThat(client.isWritable()).isFalse();
    }
}
