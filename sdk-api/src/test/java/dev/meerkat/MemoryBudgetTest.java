package dev.meerkat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    private static final int LIMIT = 16 * 1024;
    private static final int SENT = 200_000;

    private final MemoryBudget budget = MemoryBudget.ofBytes(LIMIT);
    private final Manager server = new Manager(budget);
    private final Manager client = new Manager(MemoryBudget.ofBytes(Long.MAX_VALUE));

    @AfterEach
    void closeManagers() {
        server.close();
        client.close();
        assertThat(server.bufferedBytes()).isZero();
        assertThat(budget.used()).isZero();
    }

    @Test
    void managersMadeWithoutABudgetShareTheProcessDefault() {
        try (Manager first = new Manager(); Manager second = new Manager()) {
            assertThat(first.memoryBudget()).isSameAs(second.memoryBudget()).isSameAs(MemoryBudget.processDefault());
        }
    }

    @Test
    void theDefaultIsAQuarterOfTheHeap() {
        assertThat(MemoryBudget.defaultLimit(4L << 30)).isEqualTo(1L << 30);
        assertThat(MemoryBudget.defaultLimit(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryBudget.processDefault().limit()).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
    }

    @Test
    void bytesAlreadyReceivedAreNotCountedTwiceWhenDecidingButAreCounted() {
        MemoryBudget held = MemoryBudget.ofBytes(100);
        held.acquire(40); // a receive buffer holding a body that came with its head
        assertThat(held.tryAcquire(30)).isFalse();
        assertThat(held.tryAcquire(30, 40)).isTrue();
        assertThat(held.used()).isEqualTo(70);
        assertThat(held.tryAcquire(11, 0)).isFalse();
        assertThat(held.used()).isEqualTo(70);
    }

    @Test
    void managersGivenOneBudgetChargeItTogether() {
        try (Manager other = new Manager(budget)) {
            assertThat(other.memoryBudget()).isSameAs(budget);
            readingWaitsForTheBudget();
            assertThat(other.bufferedBytes()).isZero();
        }
    }

    @Test
    void readingPausesWhileTheBudgetIsExhaustedAndResumesWhenItHasRoom() {
        readingWaitsForTheBudget();
    }

    private void readingWaitsForTheBudget() {
        BackpressureTest.HoldingServer holder = new BackpressureTest.HoldingServer();
        Connection listener = server.listen("tcp://127.0.0.1:0", Options.defaults().withReceiveLimit(1 << 20), holder);
        Connection sender = client.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(), (c, e) -> { });
        assertThat(sender.send(ByteBuffer.allocate(SENT))).isTrue();
        sender.closeAfterFlush();
        pollBoth(() -> holder.largestOffer > 0, "the first bytes at the server");
        for (int i = 0; i < 20; i++) {
            pollBoth(() -> true, "one more round");
        }
        // Nothing consumed: reading stopped once the budget was used, soft by one read's buffer.
        assertThat(holder.largestOffer).isBetween(1, LIMIT);
        assertThat(budget.peak()).isLessThanOrEqualTo(2L * LIMIT);
        holder.consume = true;
        holder.connection.resumeReading();
        pollBoth(holder::closed, "every byte read");
        assertThat(holder.received()).hasSize(SENT);
        assertThat(holder.close().reason()).isEqualTo(CloseReason.CLEAN);
    }

    /** The loops' buffer pools keep spares, which no connection holds and the budget does not count. */
    @Test
    void bufferedBytesReturnToZeroOnceConnectionsCloseWhileTheManagersRun() {
        Connection listener = server.listen("tcp://127.0.0.1:0", PlainTcpTest.ECHO);
        List<EventLog> clients = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            EventLog log = new EventLog();
            clients.add(log);
            connections.add(client.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(), log));
        }
        byte[] expected = new byte[3 * 3000];
        for (int round = 0; round < 3; round++) {
            int done = 3000 * (round + 1);
            for (int i = 0; i < connections.size(); i++) {
                byte[] message = new byte[3000];
                Arrays.fill(message, (byte) (i * 3 + round));
                connections.get(i).send(message);
            }
            pollBoth(() -> clients.stream().allMatch(c -> c.received().length == done), "round " + round + " echoed");
        }
        for (int i = 0; i < connections.size(); i++) {
            for (int round = 0; round < 3; round++) {
                Arrays.fill(expected, round * 3000, (round + 1) * 3000, (byte) (i * 3 + round));
            }
            assertThat(clients.get(i).received()).as("bytes echoed to connection %d", i).isEqualTo(expected);
            connections.get(i).close();
        }
        pollBoth(() -> clients.stream().allMatch(EventLog::closed) && server.connections().size() == 1,
                "every connection closed");

        assertThat(server.bufferedBytes()).isZero();
        assertThat(client.bufferedBytes()).isZero();
        assertThat(budget.used()).isZero();
    }

    private void pollBoth(java.util.function.BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Polling.DEADLINE.toNanos();
        do {
            client.poll(5);
            server.poll(5);
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + what + " within " + Polling.DEADLINE.toSeconds() + " s");
            }
        } while (!condition.getAsBoolean());
    }
}
