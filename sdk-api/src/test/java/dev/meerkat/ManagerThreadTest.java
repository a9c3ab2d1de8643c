package dev.meerkat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ManagerThreadTest {
    private static final long WAIT = LoopThread.TIMEOUT.toMillis();
    private final Manager manager = new Manager().start();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void startRunsTheLoopOnItsOwnNamedThreadThatIsNoDaemon() throws Exception {
        Thread loop = manager.submit(Thread::currentThread).get(WAIT, TimeUnit.MILLISECONDS);
        assertThat(loop.getName()).startsWith("meerkat-loop-");
        assertThat(loop.isDaemon()).isFalse();
        assertThat(loop).isNotSameAs(Thread.currentThread());
    }

    @Test
    void submitCompletesWithWhatTheTaskThrew() {
        CompletableFuture<Object> failed = manager.submit(() -> {
            throw new IllegalArgumentException("bad task");
        });
        assertThatThrownBy(() -> failed.get(WAIT, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad task");
    }

    /**
     * execute on the loop thread skips the selector wakeup: the queued task must still keep the next
     * select from waiting. Each link would otherwise wait out the loop's 1 s select, 100 s in all,
     * far past this class's timeout.
     */
    @Test
    void aChainOfTasksEachQueuedOnTheLoopThreadRunsWithoutWaitingInSelect() throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        manager.execute(new Runnable() {
            private int links;

            @Override
            public void run() {
                if (++links == 100) {
                    done.complete(links);
                } else {
                    manager.execute(this);
                }
            }
        });
        assertThat(done.get(WAIT, TimeUnit.MILLISECONDS)).isEqualTo(100);
    }

    @Test
    void startTwiceIsRefused() {
        assertThatThrownBy(manager::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already runs");
    }

    @Test
    void loopOnlyMethodsStillRefuseOtherThreads() {
        assertThatThrownBy(() -> manager.connect("tcp://127.0.0.1:1", (c, e) -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("use Manager.execute");
    }

    @Test
    void connectAsyncCompletesOnceConnectedAndSendAsyncSendsFromThisThread() throws Exception {
        Connection listener = manager.listenAsync("tcp://127.0.0.1:0", Options.defaults(), PlainTcpTest.ECHO)
                .get(WAIT, TimeUnit.MILLISECONDS);
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        CompletableFuture<String> got = new CompletableFuture<>();
        Connection client = manager.connectAsync("tcp://127.0.0.1:" + listener.localAddress().getPort(),
                Options.defaults(), (c, e) -> {
                    if (e instanceof Event.Read read) {
                        echoed.write(read.data().array(), read.data().arrayOffset() + read.data().position(),
                                read.data().remaining());
                        read.data().position(read.data().limit());
                        if (echoed.size() == 5) {
                            got.complete(echoed.toString(StandardCharsets.US_ASCII));
                        }
                    }
                }).get(WAIT, TimeUnit.MILLISECONDS);
        assertThat(client.sendAsync("hello".getBytes(StandardCharsets.US_ASCII)).get(WAIT, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(got.get(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("hello");
    }

    @Test
    void connectAsyncFailsWithTheConnectFailure() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0)) {
            port = unused.getLocalPort();
        }
        CompletableFuture<Connection> refused = manager.connectAsync("tcp://127.0.0.1:" + port, Options.defaults(), (c, e) -> { });
        assertThatThrownBy(() -> refused.get(WAIT, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void listenAsyncFailsForAMalformedUrl() {
        assertThatThrownBy(() -> manager.listenAsync("nonsense", Options.defaults(), (c, e) -> { }).get(WAIT, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeStopsTheThreadAndTasksAfterItFail() throws Exception {
        Thread loop = manager.submit(Thread::currentThread).get(WAIT, TimeUnit.MILLISECONDS);
        manager.close();
        assertThat(loop.isAlive()).as("the loop thread after close()").isFalse();
        assertThatThrownBy(() -> manager.submit(() -> 1).get(WAIT, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void tasksQueuedWhenTheLoopClosesFailTheirFutures() throws Exception {
        CompletableFuture<Object> never = new CompletableFuture<>();
        CompletableFuture<Integer> queued = new CompletableFuture<>();
        // The first task closes the manager from the loop: the second one, queued behind it, never runs.
        manager.execute(() -> {
            manager.submit(() -> 2).whenComplete((v, e) -> {
                if (e != null) {
                    queued.completeExceptionally(e);
                } else {
                    queued.complete(v);
                }
            });
            manager.close();
            never.complete(null);
        });
        never.get(WAIT, TimeUnit.MILLISECONDS);
        assertThatThrownBy(() -> queued.get(WAIT, TimeUnit.MILLISECONDS)).hasCauseInstanceOf(RejectedExecutionException.class);
    }
}
