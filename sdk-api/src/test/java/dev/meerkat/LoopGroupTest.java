package dev.meerkat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.LoopGroup.Spreading;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class LoopGroupTest {
    private static final long WAIT = LoopThread.TIMEOUT.toMillis();
    private static final int CLIENTS = 40;

    @ParameterizedTest
    @EnumSource(Spreading.class)
    void connectionsLandOnEveryLoopAndStayOnIt(Spreading spreading) throws Exception {
        Map<Manager, AtomicInteger> accepted = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(CLIENTS);
        List<Socket> clients = new ArrayList<>();
        try (LoopGroup group = new LoopGroup(2, MemoryBudget.ofBytes(1 << 24), spreading).start()) {
            Connection listener = listen(group, manager -> (c, e) -> {
                if (e instanceof Event.Accept) {
                    // The handler a loop's listener gave runs on that loop's thread, never another's.
                    assertThat(c.manager()).isSameAs(manager);
                    accepted.computeIfAbsent(manager, m -> new AtomicInteger()).incrementAndGet();
                    all.countDown();
                }
                PlainTcpTest.ECHO.handle(c, e);
            });
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(connect(listener));
            }
            assertThat(all.await(WAIT, TimeUnit.MILLISECONDS)).as("every connection accepted").isTrue();
            assertEchoes(clients.get(0));
            assertEchoes(clients.get(1));
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        assertThat(accepted).hasSize(2);
        if (spreading == Spreading.ACCEPTOR) {
            assertThat(accepted.values()).allSatisfy(count -> assertThat(count).hasValue(CLIENTS / 2));
        }
    }

    @Test
    void everyLoopCountsAgainstTheOneBudget() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(1 << 24);
        CountDownLatch held = new CountDownLatch(2);
        try (LoopGroup group = new LoopGroup(2, budget, Spreading.ACCEPTOR).start()) {
            // A handler that takes nothing: what arrives stays buffered, counted against the budget.
            Connection listener = listen(group, manager -> (c, e) -> {
                if (e instanceof Event.Read) {
                    held.countDown();
                }
            });
            try (Socket a = connect(listener); Socket b = connect(listener)) {
                a.getOutputStream().write(new byte[1000]);
                b.getOutputStream().write(new byte[1000]);
                assertThat(held.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();
                long[] perLoop = new long[2];
                for (int i = 0; i < 2; i++) {
                    Manager manager = group.managers().get(i);
                    assertThat(manager.memoryBudget()).isSameAs(budget);
                    perLoop[i] = manager.submit(manager::bufferedBytes).get(WAIT, TimeUnit.MILLISECONDS);
                }
                assertThat(perLoop[0]).isPositive();
                assertThat(perLoop[1]).isPositive();
                assertThat(budget.used()).isEqualTo(perLoop[0] + perLoop[1]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Spreading.class)
    void closeStopsEveryLoopAndFreesThePort(Spreading spreading) throws Exception {
        LoopGroup group = new LoopGroup(3, MemoryBudget.ofBytes(1 << 24), spreading).start();
        int port = listen(group, manager -> PlainTcpTest.ECHO).localAddress().getPort();
        List<Thread> threads = new ArrayList<>();
        for (Manager manager : group.managers()) {
            threads.add(manager.submit(Thread::currentThread).get(WAIT, TimeUnit.MILLISECONDS));
        }

        group.close();

        assertThat(group.stopped()).isCompleted().isNotCompletedExceptionally();
        assertThat(threads).allSatisfy(thread -> assertThat(thread.isAlive()).isFalse());
        assertRefused(port);
    }

    @ParameterizedTest
    @EnumSource(Spreading.class)
    void aLoopThatFailsStopsTheWholeGroup(Spreading spreading) throws Exception {
        for (int failing = 0; failing < 2; failing++) {
            OutOfMemoryError oom = new OutOfMemoryError("simulated on loop " + failing);
            try (LoopGroup group = new LoopGroup(2, MemoryBudget.ofBytes(1 << 24), spreading).start()) {
                int port = listen(group, manager -> PlainTcpTest.ECHO).localAddress().getPort();

                group.managers().get(failing).execute(() -> {
                    throw oom;
                });

                assertThatThrownBy(() -> group.stopped().get(WAIT, TimeUnit.MILLISECONDS))
                        .isInstanceOf(ExecutionException.class).hasCause(oom);
                // No loop keeps the port: a client is refused, not accepted and left unanswered.
                assertRefused(port);
            }
        }
    }

    @Test
    void aPortTakenFailsTheListenAndLeavesNoListenerOpen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                LoopGroup group = new LoopGroup(2, MemoryBudget.ofBytes(1 << 24), Spreading.REUSE_PORT).start()) {
            assertThatThrownBy(() -> group.listen("tcp://127.0.0.1:" + taken.getLocalPort(), Options.defaults(),
                    manager -> PlainTcpTest.ECHO).get(WAIT, TimeUnit.MILLISECONDS))
                    .hasMessageContaining("cannot listen on");
            for (Manager manager : group.managers()) {
                assertThat(manager.submit(manager::connections).get(WAIT, TimeUnit.MILLISECONDS)).isEmpty();
            }
        }
    }

    @Test
    void aSecondGroupOnTheSamePortIsRefusedNotJoined() throws Exception {
        try (LoopGroup first = new LoopGroup(2, MemoryBudget.ofBytes(1 << 24), Spreading.REUSE_PORT).start();
                LoopGroup second = new LoopGroup(2, MemoryBudget.ofBytes(1 << 24), Spreading.REUSE_PORT).start()) {
            int port = listen(first, manager -> PlainTcpTest.ECHO).localAddress().getPort();
            assertThatThrownBy(() -> second.listen("tcp://127.0.0.1:" + port, Options.defaults(),
                    manager -> PlainTcpTest.ECHO).get(WAIT, TimeUnit.MILLISECONDS))
                    .hasMessageContaining("cannot listen on");
        }
    }

    @Test
    void aGroupRefusesUdp() {
        try (LoopGroup group = new LoopGroup(2, MemoryBudget.ofBytes(1 << 24), Spreading.ACCEPTOR).start()) {
            assertThatThrownBy(() -> group.listen("udp://127.0.0.1:0", Options.defaults(), manager -> PlainTcpTest.ECHO)
                    .get(WAIT, TimeUnit.MILLISECONDS))
                    .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp:// or tls://");
        }
    }

    @Test
    void aGroupNeedsALoop() {
        assertThatThrownBy(() -> new LoopGroup(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected at least 1 loop but was 0");
    }

    private static Connection listen(LoopGroup group, Function<Manager, Handler> handlers)
            throws Exception {
        List<Connection> listeners = group.listen("tcp://127.0.0.1:0", Options.defaults(), handlers)
                .get(WAIT, TimeUnit.MILLISECONDS);
        assertThat(listeners).hasSize(group.managers().size());
        assertThat(listeners).extracting(Connection::localAddress).containsOnly(listeners.get(0).localAddress());
        return listeners.get(0);
    }

    private static Socket connect(Connection listener) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort());
        socket.setSoTimeout((int) WAIT);
        return socket;
    }

    private static void assertEchoes(Socket client) throws Exception {
        client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        InputStream in = client.getInputStream();
        assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }
}
