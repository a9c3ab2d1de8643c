package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.Options;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client streaming messages by the WebSocket's writability, as a producer should, to a server over loopback. */
@Timeout(60)
class WebSocketBackpressureTest {

    private static final int MESSAGES = 200;
    private static final int SIZE = 8 * 1024;

    private final LoopThread loop = new LoopThread();
    private final WsRecorder server = new WsRecorder();
    private final Streamer streamer = new Streamer();
    private final WsRecorder client = new WsRecorder(streamer);

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void aProducerThatWaitsForWritabilitySendsEveryMessageInOrder() throws Exception {
        int port = listen();
        // Two messages fill the queue past the high watermark, so the producer pauses again and again.
        Options watermarks = Options.defaults().withWriteWatermarks(4 * 1024, 12 * 1024);
        loop.run(() -> WebSocket.connect(loop.manager, "ws://127.0.0.1:" + port + "/", WsOptions.defaults()
                .withConnection(watermarks), client));

        client.next(WsEvent.Open.class);
        server.next(WsEvent.Open.class);
        for (int i = 0; i < MESSAGES; i++) {
            byte[] data = server.next(WsEvent.Binary.class).data();
            assertThat(ByteBuffer.wrap(data).getInt()).as("message number").isEqualTo(i);
            assertThat(data).hasSize(SIZE);
        }
        // Only Open and Writability(true) make it send, so every pause was ended by a Writability(true).
        assertThat(loop.call(() -> streamer.pauses)).as("pauses for backpressure").isGreaterThan(MESSAGES / 3);
    }

    private int listen() throws Exception {
        HttpServer http = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults(), (exchange, event) -> {
                    if (event instanceof HttpEvent.End) {
                        WebSocket.accept(exchange, WsOptions.defaults(), server);
                    }
                }));
        return loop.call(http::port);
    }

    /** Sends numbered messages while the WebSocket is writable; resumes at Writability(true). */
    private static final class Streamer implements WsHandler {
        private int sent;
        private int pauses;

        @Override
        public void handle(WebSocket ws, WsEvent event) {
            boolean writable = event instanceof WsEvent.Writability w && w.writable();
            if (!writable && !(event instanceof WsEvent.Open)) {
                return;
            }
            while (sent < MESSAGES && ws.isWritable()) {
                assertThat(ws.send(ByteBuffer.allocate(SIZE).putInt(0, sent))).as("a send while writable").isTrue();
                sent++;
            }
            if (sent < MESSAGES) {
                pauses++;
            }
        }
    }
}
