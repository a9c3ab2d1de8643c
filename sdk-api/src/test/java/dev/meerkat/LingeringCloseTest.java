package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Connection#lingeringClose}: a server answers after the first bytes of a 4 MiB upload and
 * closes. A plain close would leave the rest unread and reset the connection, destroying the answer
 * (and failing the upload with a broken pipe); the lingering close half-closes, drops the rest, and
 * the peer reads the answer and the end.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LingeringCloseTest {
    private static final byte[] ANSWER = "answer".getBytes(StandardCharsets.US_ASCII);
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** Answers at the first Read, then closes lingering with {@code time} and {@code timeout}; returns the port. */
    private int answerAndLinger(EventLog accepted, Duration time, Duration timeout) {
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults(), (c, e) -> {
            if (!c.isListener()) {
                accepted.handle(c, e);
                if (e instanceof Event.Read && !c.isClosing()) {
                    c.send(ANSWER);
                    c.lingeringClose(time, timeout);
                }
            }
        });
        return listener.localAddress().getPort();
    }

    @Test
    void aPeerStillSendingReadsTheAnswerAndTheEnd() throws Exception {
        EventLog accepted = new EventLog();
        int port = answerAndLinger(accepted, Duration.ofSeconds(30), Duration.ofSeconds(10));
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> upload(peer, 4 << 20));
            pollUntil(manager, upload::isDone, "the peer's 4 MiB upload");
            upload.join();
            peer.shutdownOutput();
            pollUntil(manager, accepted::closed, "the close after the peer's FIN");
            assertThat(peer.getInputStream().readAllBytes()).isEqualTo(ANSWER);
        }
        assertThat(accepted.close().reason()).isEqualTo(CloseReason.LOCAL);
        assertThat(accepted.received().length).as("bytes offered to the handler").isLessThan(4 << 20);
    }

    @Test
    void aSilentPeerIsClosedAfterTheTimeout() throws Exception {
        EventLog accepted = new EventLog();
        int port = answerAndLinger(accepted, Duration.ofSeconds(30), Duration.ofMillis(200));
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            peer.getOutputStream().write(1);
            pollUntil(manager, accepted::closed, "the close 200 ms after the half-close");
            assertThat(peer.getInputStream().readAllBytes()).isEqualTo(ANSWER);
        }
    }

    @Test
    void aPeerSendingForeverIsClosedAfterTheTime() throws Exception {
        EventLog accepted = new EventLog();
        int port = answerAndLinger(accepted, Duration.ofMillis(500), Duration.ofSeconds(30));
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // Ends with the reset that the close after the lingering time brings (or after 16 GiB, or the socket's close).
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> upload(peer, 16L << 30));
            pollUntil(manager, accepted::closed, "the close 500 ms after the half-close");
            assertThat(upload).failsWithin(Duration.ofSeconds(10));
            assertThat(accepted.close().reason()).isEqualTo(CloseReason.LOCAL);
        }
    }

    private static void upload(Socket peer, long bytes) {
        try {
            OutputStream out = peer.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
