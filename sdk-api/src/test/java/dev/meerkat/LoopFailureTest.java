package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop cannot die silently: an Error from a handler fails its connection only, a
 * StackOverflowError included; any other VirtualMachineError stops the manager loudly, closing every
 * connection with ERROR, and never leaves a loop that holds its port and answers nothing.
 */
class LoopFailureTest {
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void stackOverflowInAHandlerFailsOnlyItsConnection() throws IOException {
        assertOnlyTheConnectionFails(new StackOverflowError("deep"));
    }

    @Test
    void anErrorThatIsNotFatalFailsOnlyItsConnection() throws IOException {
        assertOnlyTheConnectionFails(new AssertionError("handler assertion"));
    }

    private void assertOnlyTheConnectionFails(Error error) throws IOException {
        EventLog accepted = new EventLog();
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults(), (c, e) -> {
            if (!c.isListener()) {
                accepted.handle(c, e);
                if (e instanceof Event.Read) {
                    throw error;
                }
            }
        });
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            peer.getOutputStream().write(1);
            pollUntil(manager, accepted::closed, "the failing connection to close");
        }
        assertThat(accepted.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(accepted.close().cause()).isSameAs(error);
        assertThat(manager.connections()).containsExactly(listener);
        manager.poll(0);
    }

    @Test
    void outOfMemoryStopsTheManagerAndClosesEveryConnection() throws IOException {
        OutOfMemoryError oom = new OutOfMemoryError("simulated");
        EventLog bystander = new EventLog();
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults(), (c, e) -> {
            if (e instanceof Event.Read read && read.data().get(read.data().position()) == 'x') {
                throw oom;
            }
        });
        int port = listener.localAddress().getPort();
        manager.connect("tcp://127.0.0.1:" + port, Options.defaults(), bystander);
        pollUntil(manager, () -> bystander.count(Event.Connect.class) == 1, "the bystander to connect");
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            peer.getOutputStream().write('x');
            assertThatThrownBy(() -> pollUntil(manager, () -> false, "the fatal error")).isSameAs(oom);
        }
        assertThat(bystander.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(bystander.close().cause()).isSameAs(oom);
        assertThat(manager.connections()).isEmpty();
        assertThatThrownBy(() -> manager.poll(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fatal error").hasCause(oom);
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .as("the port is released").isInstanceOf(ConnectException.class);
    }

    @Test
    void runThrowsTheFatalErrorOnItsThread() throws Exception {
        InternalError internal = new InternalError("simulated");
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                manager.run();
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        }, "meerkat-loop-test");
        thread.start();
        manager.execute(() -> manager.schedule(Duration.ZERO, null, () -> {
            throw internal;
        }));
        assertThat(ended.get(10, TimeUnit.SECONDS)).isSameAs(internal);
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }
}
