package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.LoopThread;
import dev.meerkat.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a hand-written server on a blocking socket. */
@Timeout(60)
class WebSocketClientTest {

    private final LoopThread loop = new LoopThread();
    private final WsRecorder client = new WsRecorder();
    private final ServerSocket listener;
    private final CompletableFuture<byte[]> receivedByServer = new CompletableFuture<>();

    WebSocketClientTest() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        listener.setSoTimeout((int) LoopThread.TIMEOUT.toMillis());
    }

    @AfterEach
    void stop() throws Exception {
        loop.close();
        listener.close();
    }

    @Test
    void takesFramesThatCameWithThe101() throws Exception {
        serve(Frames.text("right away", false), false);
        connect(WsOptions.defaults());

        client.next(WsEvent.Open.class);
        assertThat(client.next(WsEvent.Text.class).text()).isEqualTo("right away");
    }

    @Test
    void failsAMaskedServerFrameWith1002() throws Exception {
        serve(Frames.text("masked", true), false);
        connect(WsOptions.defaults());

        client.next(WsEvent.Open.class);
        assertThat(client.next(WsEvent.Error.class).cause()).isInstanceOfSatisfying(WsProtocolException.class,
                e -> assertThat(e.closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR));
        assertThat(client.next(WsEvent.Close.class).code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        byte[] sent = receivedByServer.get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Received close = FrameParserTest.parseAll(new FrameParser(true, 1000, Frames.NO_BUDGET), sent).get(0);
        assertThat(close.closeCode()).as("the close frame the client sent").isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void givesUpWaitingForASilentServerAfterTheCloseTimeout() throws Exception {
        serve(new byte[0], true);
        WebSocket ws = connect(WsOptions.defaults().withCloseTimeout(Duration.ofMillis(300)));
        client.next(WsEvent.Open.class);

        assertThat(loop.call(() -> ws.close(CloseCodes.NORMAL, "bye"))).isTrue();
        WsEvent.Close close = client.next(WsEvent.Close.class);
        assertThat(close.code()).as("no close frame came back").isEqualTo(CloseCodes.ABNORMAL);
        assertThat(close.connection()).isEqualTo(CloseReason.LOCAL);
        Received sent = FrameParserTest.parseAll(new FrameParser(true, 1000, Frames.NO_BUDGET),
                receivedByServer.get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).get(0);
        assertThat(sent.closeCode()).isEqualTo(CloseCodes.NORMAL);
        assertThat(sent.closeReason()).isEqualTo("bye");
    }

    @Test
    void refusesASendTheQueueCannotTakeAndTakesItLater() throws Exception {
        serve(new byte[0], true);
        WebSocket ws = connect(WsOptions.defaults().withConnection(Options.defaults().withSendLimit(1000)));
        client.next(WsEvent.Open.class);

        boolean[] accepted = loop.call(() -> new boolean[] {ws.send(new byte[600]), ws.send(new byte[600])});
        assertThat(accepted).containsExactly(true, false);
        long deadline = System.nanoTime() + LoopThread.TIMEOUT.toNanos();
        while (loop.call(ws::queuedBytes) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(loop.call(() -> ws.send(new byte[600]))).as("once the queue drained").isTrue();
    }

    private WebSocket connect(WsOptions options) throws Exception {
        return loop.call(() -> WebSocket.connect(loop.manager, "ws://127.0.0.1:" + listener.getLocalPort() + "/x",
                options, client));
    }

    /**
     * On a thread: accepts one connection, answers the handshake with {@code afterHead} in the same
     * write, then records what the client sends until it closes, or (when {@code silent}) until the
     * first bytes came, never answering a close.
     */
    private void serve(byte[] afterHead, boolean silent) {
        Thread peer = new Thread(() -> {
            try (Socket s = listener.accept()) {
                s.setSoTimeout((int) LoopThread.TIMEOUT.toMillis());
                String key = requestKey(s.getInputStream());
                String head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + AcceptKey.of(key) + "\r\n\r\n";
                s.getOutputStream().write(Frames.concat(head.getBytes(StandardCharsets.ISO_8859_1), afterHead));
                receivedByServer.complete(silent ? readSome(s.getInputStream()) : s.getInputStream().readAllBytes());
                if (silent) {
                    s.getInputStream().readAllBytes();
                }
            } catch (IOException e) {
                receivedByServer.completeExceptionally(e);
            }
        }, "raw-ws-server");
        peer.setDaemon(true);
        peer.start();
    }

    private static String requestKey(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("expected a request head but the client closed");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int start = text.indexOf("Sec-WebSocket-Key: ") + "Sec-WebSocket-Key: ".length();
        return text.substring(start, text.indexOf("\r\n", start));
    }

    private static byte[] readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
    }
}
