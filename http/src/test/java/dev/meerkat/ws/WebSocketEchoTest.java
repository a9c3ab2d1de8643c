package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.LoopThread;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server (HttpServer + accept) and a client (connect) in one manager, over loopback. */
@Timeout(60)
class WebSocketEchoTest {

    private final LoopThread loop = new LoopThread();
    private final WsRecorder server = new WsRecorder(WebSocketEchoTest::echo);
    private final WsRecorder client = new WsRecorder();
    private int port;

    @BeforeEach
    void listen() throws Exception {
        HttpServer http = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
                    if (!(event instanceof HttpEvent.Message)) {
                        return;
                    }
                    switch (exchange.request().path()) {
                        case "/echo" -> WebSocket.accept(exchange, WsOptions.defaults().withSubprotocols("echo"), server);
                        case "/small" -> WebSocket.accept(exchange, WsOptions.defaults().withMaxMessageSize(1000), server);
                        default -> exchange.reply(200, "not a WebSocket\n");
                    }
                }));
        port = loop.call(http::port);
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.close();
    }

    @Test
    void echoesTextAndAMegabyteOfBinary() throws Exception {
        WebSocket ws = open("/echo", WsOptions.defaults());
        byte[] big = new byte[WsOptions.DEFAULT_MAX_MESSAGE_SIZE];
        new Random(1).nextBytes(big);

        assertThat(loop.call(() -> ws.send("hello ✓"))).isTrue();
        assertThat(client.next(WsEvent.Text.class).text()).isEqualTo("hello ✓");
        assertThat(loop.call(() -> ws.send(big))).as("larger than the send limit, but nothing waits").isTrue();
        assertThat(client.next(WsEvent.Binary.class).data()).isEqualTo(big);
        assertThat(server.next(WsEvent.Open.class).subprotocol()).isNull();
        assertThat(server.next(WsEvent.Text.class).text()).isEqualTo("hello ✓");
    }

    @Test
    void agreesOnASubprotocol() throws Exception {
        WebSocket ws = open("/echo", WsOptions.defaults().withSubprotocols("other", "echo"));
        assertThat(loop.call(ws::subprotocol)).isEqualTo("echo");
        assertThat(server.next(WsEvent.Open.class).subprotocol()).isEqualTo("echo");
    }

    @Test
    void echoesAFragmentedMessageWithCodePointsCutBetweenFragments() throws Exception {
        WebSocket ws = open("/echo", WsOptions.defaults().withMaxFrameSize(7));
        String text = "€uro ünïcödé 🐱 ".repeat(200);

        assertThat(loop.call(() -> ws.send(text))).isTrue();
        assertThat(client.next(WsEvent.Text.class).text()).isEqualTo(text);
    }

    @Test
    void answersPingsWithPongs() throws Exception {
        WebSocket ws = open("/echo", WsOptions.defaults());
        assertThat(loop.call(() -> ws.ping(new byte[] {1, 2, 3}))).isTrue();

        assertThat(client.next(WsEvent.Pong.class).payload()).containsExactly(1, 2, 3);
        server.next(WsEvent.Open.class);
        assertThat(server.next(WsEvent.Ping.class).payload()).containsExactly(1, 2, 3);
    }

    @Test
    void clientStartsTheCloseAndTheServerEndsTheConnection() throws Exception {
        WebSocket ws = open("/echo", WsOptions.defaults());
        assertThat(loop.call(() -> ws.close(4000, "done"))).isTrue();

        WsEvent.Close atClient = client.next(WsEvent.Close.class);
        assertThat(atClient.code()).as("the server's echo").isEqualTo(4000);
        assertThat(atClient.connection()).as("the server closed first").isEqualTo(CloseReason.CLEAN);
        server.next(WsEvent.Open.class);
        WsEvent.Close atServer = server.next(WsEvent.Close.class);
        assertThat(atServer.code()).isEqualTo(4000);
        assertThat(atServer.reason()).isEqualTo("done");
        assertThat(atServer.connection()).isEqualTo(CloseReason.LOCAL);
        assertThat(loop.call(() -> ws.send("late"))).isFalse();
    }

    @Test
    void serverStartsTheCloseWithItsCode() throws Exception {
        WebSocket ws = open("/echo", WsOptions.defaults());
        assertThat(loop.call(() -> ws.send("close me"))).isTrue();

        WsEvent.Close atClient = client.next(WsEvent.Close.class);
        assertThat(atClient.code()).isEqualTo(CloseCodes.GOING_AWAY);
        assertThat(atClient.reason()).isEqualTo("bye");
        assertThat(atClient.connection()).isEqualTo(CloseReason.CLEAN);
        server.next(WsEvent.Open.class);
        server.next(WsEvent.Text.class);
        assertThat(server.next(WsEvent.Close.class).code()).as("the client's echo").isEqualTo(CloseCodes.GOING_AWAY);
    }

    @Test
    void failsAnOversizeMessageWith1009() throws Exception {
        WebSocket ws = open("/small", WsOptions.defaults());
        assertThat(loop.call(() -> ws.send(new byte[1001]))).isTrue();

        WsEvent.Close atClient = client.next(WsEvent.Close.class);
        assertThat(atClient.code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        server.next(WsEvent.Open.class);
        assertThat(server.next(WsEvent.Error.class).cause()).isInstanceOfSatisfying(WsProtocolException.class,
                e -> assertThat(e.closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG));
        assertThat(server.next(WsEvent.Close.class).code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void clientFailsWhenTheServerDoesNotUpgrade() throws Exception {
        loop.call(() -> WebSocket.connect(loop.manager, "ws://127.0.0.1:" + port + "/plain", WsOptions.defaults(), client));

        assertThat(client.next(WsEvent.Error.class).cause()).isInstanceOf(WsHandshakeException.class)
                .hasMessageContaining("expected status 101 Switching Protocols but was 200");
        assertThat(client.next(WsEvent.Close.class).code()).isEqualTo(CloseCodes.ABNORMAL);
    }

    @Test
    void clientReportsARefusedConnect() throws Exception {
        int closedPort = loop.call(() -> {
            dev.meerkat.Connection l = loop.manager.listen("tcp://127.0.0.1:0", (c, e) -> { });
            int p = l.localAddress().getPort();
            l.close();
            return p;
        });
        Thread.sleep(50);
        loop.call(() -> WebSocket.connect(loop.manager, "ws://127.0.0.1:" + closedPort + "/", WsOptions.defaults(), client));

        client.next(WsEvent.Error.class);
        WsEvent.Close close = client.next(WsEvent.Close.class);
        assertThat(close.code()).isEqualTo(CloseCodes.ABNORMAL);
        assertThat(close.connection()).isEqualTo(CloseReason.ERROR);
    }

    private WebSocket open(String path, WsOptions options) throws Exception {
        WebSocket ws = loop.call(() -> WebSocket.connect(loop.manager, "ws://127.0.0.1:" + port + path, options, client));
        client.next(WsEvent.Open.class);
        return ws;
    }

    /** The server's handler: echoes every message; "close me" makes it close with 1001. */
    private static void echo(WebSocket ws, WsEvent event) {
        if (event instanceof WsEvent.Text t && t.text().equals("close me")) {
            ws.close(CloseCodes.GOING_AWAY, "bye");
        } else if (event instanceof WsEvent.Text t) {
            assertThat(ws.send(t.text())).isTrue();
        } else if (event instanceof WsEvent.Binary b) {
            assertThat(ws.send(ByteBuffer.wrap(b.data()))).isTrue();
        }
    }
}
