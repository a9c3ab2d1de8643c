package dev.meerkat.ws;

import static dev.meerkat.ws.Frames.concat;
import static dev.meerkat.ws.Frames.frame;
import static dev.meerkat.ws.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server as a hand-written client sees it, byte for byte, over a blocking socket. */
@Timeout(60)
class WebSocketWireTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final LoopThread loop = new LoopThread();
    private final WsRecorder server = new WsRecorder((ws, e) -> {
        if (e instanceof WsEvent.Text t) {
            ws.send(t.text());
        }
    });
    private int port;

    @BeforeEach
    void listen() throws Exception {
        HttpServer http = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
                    if (event instanceof HttpEvent.Message && exchange.request().path().equals("/later")) {
                        loop.manager.execute(() -> WebSocket.accept(exchange, WsOptions.defaults(), server));
                    } else if (event instanceof HttpEvent.Message) {
                        WebSocket.accept(exchange, WsOptions.defaults(), server);
                    }
                }));
        port = loop.call(http::port);
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.close();
    }

    @Test
    void answersTheRfcHandshake() throws Exception {
        try (Socket socket = connect()) {
            String head = handshake(socket, "/chat", "13", "");
            assertThat(head).startsWith("HTTP/1.1 101 ").contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
        }
    }

    @Test
    void refusesAWrongVersionWith426() throws Exception {
        try (Socket socket = connect()) {
            assertThat(handshake(socket, "/chat", "8", "")).startsWith("HTTP/1.1 426 ").contains("Sec-WebSocket-Version: 13\r\n");
        }
    }

    @Test
    void refusesARequestWithoutUpgradeWith400() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void answersAPingBetweenFragmentsThenDeliversTheMessage() throws Exception {
        try (Socket socket = connect()) {
            handshake(socket, "/chat", "13", "");
            socket.getOutputStream().write(concat(
                    frame(false, Opcode.TEXT, utf8("Hel"), true),
                    frame(true, Opcode.PING, utf8("are you there"), true),
                    frame(true, Opcode.CONTINUATION, utf8("lo"), true)));

            FrameParser fromServer = new FrameParser(false, 1 << 20, Frames.NO_BUDGET);
            InputStream in = socket.getInputStream();
            assertThat(readFrame(fromServer, in)).isEqualTo(new Received(Opcode.PONG, utf8("are you there")));
            assertThat(readFrame(fromServer, in)).isEqualTo(new Received(Opcode.TEXT, utf8("Hello")));
        }
    }

    @Test
    void takesFramesSentTogetherWithTheHandshake() throws Exception {
        try (Socket socket = connect()) {
            handshake(socket, "/chat", "13", new String(Frames.text("early", true), StandardCharsets.ISO_8859_1));
            assertThat(readFrame(new FrameParser(false, 1 << 20, Frames.NO_BUDGET), socket.getInputStream()))
                    .isEqualTo(new Received(Opcode.TEXT, utf8("early")));
        }
    }

    @Test
    void acceptsLaterOutsideTheRequestEventWithFramesAlreadyWaiting() throws Exception {
        try (Socket socket = connect()) {
            handshake(socket, "/later", "13", new String(Frames.text("waited", true), StandardCharsets.ISO_8859_1));
            assertThat(readFrame(new FrameParser(false, 1 << 20, Frames.NO_BUDGET), socket.getInputStream()))
                    .isEqualTo(new Received(Opcode.TEXT, utf8("waited")));
        }
    }

    @Test
    void failsAnUnmaskedClientFrameWith1002AndCloses() throws Exception {
        try (Socket socket = connect()) {
            handshake(socket, "/chat", "13", "");
            socket.getOutputStream().write(Frames.text("not masked", false));

            InputStream in = socket.getInputStream();
            Received close = readFrame(new FrameParser(false, 1 << 20, Frames.NO_BUDGET), in);
            assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
            assertThat(close.closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
            assertThat(in.read()).as("the server closed the TCP connection").isEqualTo(-1);
        }
    }

    @Test
    void echoesACloseWithoutCodeAsAnEmptyClose() throws Exception {
        try (Socket socket = connect()) {
            handshake(socket, "/chat", "13", "");
            socket.getOutputStream().write(frame(true, Opcode.CLOSE, new byte[0], true));

            InputStream in = socket.getInputStream();
            assertThat(readFrame(new FrameParser(false, 1 << 20, Frames.NO_BUDGET), in)).isEqualTo(new Received(Opcode.CLOSE, new byte[0]));
            assertThat(in.read()).isEqualTo(-1);
            server.next(WsEvent.Open.class);
            assertThat(server.next(WsEvent.Close.class).code()).isEqualTo(CloseCodes.NO_STATUS);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) LoopThread.TIMEOUT.toMillis());
        return socket;
    }

    /** Sends the upgrade request (and {@code after}, in the same write); returns the response head. */
    private static String handshake(Socket socket, String path, String version, String after) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: " + version + "\r\n\r\n" + after;
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        return readHead(socket.getInputStream());
    }

    /** Reads byte by byte up to the empty line, so no frame byte after it is taken. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("a byte of the response head").isNotNegative();
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one byte at a time, keeping what the parser leaves (an incomplete header), until it yields. */
    private static Received readFrame(FrameParser parser, InputStream in) throws IOException, WsProtocolException {
        ByteBuffer pending = ByteBuffer.allocate(FrameHeader.MAX_SIZE);
        for (int i = 0; i < 1 << 20; i++) {
            int b = in.read();
            assertThat(b).as("a byte of the next frame").isNotNegative();
            pending.put((byte) b).flip();
            Received r = parser.next(pending);
            pending.compact();
            if (r != null) {
                return r;
            }
        }
        throw new AssertionError("expected a frame within 1 MiB but none came");
    }
}
