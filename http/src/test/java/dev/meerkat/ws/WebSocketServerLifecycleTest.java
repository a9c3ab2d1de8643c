package dev.meerkat.ws;

import static dev.meerkat.ws.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.Options;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpExchange;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server WebSocket in the HTTP server's life: upgraded behind pipelined replies, refused during
 * shutdown, and closed by the server's shutdown and close.
 */
@Timeout(60)
class WebSocketServerLifecycleTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** Larger than the send limit below, so most of it waits in the HTTP session's queue. */
    private static final int BIG = 512 * 1024;

    private final LoopThread loop = new LoopThread();
    private final WsRecorder server = new WsRecorder((ws, e) -> {
        if (e instanceof WsEvent.Text t) {
            ws.send(t.text());
        }
    });
    private final CompletableFuture<HttpExchange> held = new CompletableFuture<>();
    private HttpServer http;
    private int port;

    @BeforeEach
    void listen() throws Exception {
        HttpServerOptions options = HttpServerOptions.defaults().withBufferedBodies(true)
                .withConnection(Options.defaults().withSendLimit(16 * 1024));
        http = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0", options, (exchange, event) -> {
            if (!(event instanceof HttpEvent.Message)) {
                return;
            }
            switch (exchange.request().path()) {
                case "/big" -> exchange.reply(200, "x".repeat(BIG));
                case "/held" -> held.complete(exchange);
                default -> WebSocket.accept(exchange, WsOptions.defaults(), server);
            }
        }));
        port = loop.call(http::port);
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.close();
    }

    @Test
    void sends101AfterAPipelinedReplyThatFilledTheSendQueueThenTakesTheFramesSentWithIt() throws Exception {
        try (Socket socket = connect()) {
            write(socket, "GET /big HTTP/1.1\r\nHost: t\r\n\r\n" + upgradeRequest("/chat")
                    + new String(Frames.text("early", true), StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();

            assertThat(readHead(in)).startsWith("HTTP/1.1 200 ").contains("Content-Length: " + BIG + "\r\n");
            byte[] body = in.readNBytes(BIG);
            assertThat(body).hasSize(BIG);
            assertThat(new String(body, StandardCharsets.ISO_8859_1)).isEqualTo("x".repeat(BIG));
            assertThat(readHead(in)).startsWith("HTTP/1.1 101 ").contains("Connection: Upgrade\r\n");
            assertThat(readFrame(in)).isEqualTo(new Received(Opcode.TEXT, utf8("early")));
        }
    }

    @Test
    void refusesAnUpgradeDuringShutdownWith503AndCloses() throws Exception {
        try (Socket socket = connect()) {
            write(socket, upgradeRequest("/held"));
            HttpExchange exchange = held.get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> done = loop.call(http::shutdown);
            WebSocket accepted = loop.call(() -> WebSocket.accept(exchange, WsOptions.defaults(), server));

            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 503 ").contains("Connection: close\r\n");
            assertThat(accepted).isNull();
            done.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shutdownSendsGoingAwayAndCompletesOnlyOnceTheWebSocketClosed() throws Exception {
        try (Socket socket = connect()) {
            write(socket, upgradeRequest("/chat"));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");
            server.next(WsEvent.Open.class);
            assertThat(loop.call(http::connectionCount)).isEqualTo(1);

            CompletableFuture<Void> done = loop.call(http::shutdown);
            Received close = readFrame(in);
            assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
            assertThat(close.closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(done).as("shutdown waits for the WebSocket").isNotDone();

            socket.getOutputStream().write(Frames.frame(true, Opcode.CLOSE, Frames.closePayload(CloseCodes.GOING_AWAY, ""), true));
            assertThat(in.read()).as("the server closed the TCP connection").isEqualTo(-1);
            done.get(10, TimeUnit.SECONDS);
            assertThat(server.next(WsEvent.Close.class).code()).isEqualTo(CloseCodes.GOING_AWAY);
        }
    }

    @Test
    void closeClosesLiveWebSocketsAtOnce() throws Exception {
        try (Socket socket = connect()) {
            write(socket, upgradeRequest("/chat"));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");
            server.next(WsEvent.Open.class);

            loop.call(() -> {
                http.close();
                return null;
            });
            assertThat(in.read()).as("the server closed the TCP connection").isEqualTo(-1);
            server.next(WsEvent.Close.class);
            assertThat(loop.call(http::connectionCount)).isZero();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) LoopThread.TIMEOUT.toMillis());
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String upgradeRequest(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** Reads byte by byte up to the empty line, so no byte after it is taken. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("a byte of the response head after " + head.toString(StandardCharsets.ISO_8859_1))
                    .isNotNegative();
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one unmasked server frame with a payload of at most 125 bytes. */
    private static Received readFrame(InputStream in) throws IOException, WsProtocolException {
        byte[] header = in.readNBytes(2);
        assertThat(header).as("a frame header").hasSize(2);
        byte[] payload = in.readNBytes(header[1] & 0x7F);
        ByteBuffer frame = ByteBuffer.wrap(Frames.concat(header, payload));
        Received received = new FrameParser(false, 1 << 20, Frames.NO_BUDGET).next(frame);
        assertThat(received).as("the frame " + Arrays.toString(frame.array())).isNotNull();
        return received;
    }
}
