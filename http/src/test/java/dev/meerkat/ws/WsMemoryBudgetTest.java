package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.MemoryBudget;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message being assembled counts against the manager's memory budget, as a buffered HTTP body
 * does: one within the budget arrives, one the budget has no room for is refused with 1013 (try
 * again later) although it is within {@code maxMessageSize}, and nothing stays counted.
 */
@Timeout(60)
class WsMemoryBudgetTest {
    /** Held messages may take half: 128 KiB, less the read buffers. */
    private static final int BUDGET = 256 * 1024;

    private final MemoryBudget budget = MemoryBudget.ofBytes(BUDGET);
    private final LoopThread serverLoop = new LoopThread(budget);
    private final LoopThread clientLoop = new LoopThread(MemoryBudget.ofBytes(Long.MAX_VALUE));
    private final WsRecorder server = new WsRecorder((ws, e) -> {
        if (e instanceof WsEvent.Binary b) {
            ws.send(b.data());
        }
    });
    private final WsRecorder client = new WsRecorder();

    @AfterEach
    void stop() {
        clientLoop.close();
        serverLoop.close();
        assertThat(budget.used()).as("bytes still counted").isZero();
    }

    @Test
    void aMessageWithinTheBudgetArrivesAndOneWithoutRoomIsRefusedWith1013() throws Exception {
        WebSocket socket = connect();
        clientLoop.call(() -> socket.send(new byte[8 * 1024]));
        assertThat(client.next(WsEvent.Binary.class).data()).hasSize(8 * 1024);

        clientLoop.call(() -> socket.send(new byte[BUDGET]));
        WsEvent.Close close = client.next(WsEvent.Close.class);
        assertThat(close.code()).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
        server.next(WsEvent.Open.class);
        server.next(WsEvent.Binary.class);
        assertThat(server.next(WsEvent.Error.class).cause()).hasMessageContaining("memory budget")
                .hasMessageContaining("no room for a message of " + BUDGET + " bytes");
    }

    private WebSocket connect() throws Exception {
        WsOptions options = WsOptions.defaults().withMaxMessageSize(1 << 20);
        HttpServer http = serverLoop.call(() -> HttpServer.listen(serverLoop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults(), (exchange, event) -> {
                    if (event instanceof HttpEvent.End) {
                        WebSocket.accept(exchange, options, server);
                    }
                }));
        int port = serverLoop.call(http::port);
        WebSocket socket = clientLoop.call(() -> WebSocket.connect(clientLoop.manager, "ws://127.0.0.1:" + port + "/",
                options, client));
        client.next(WsEvent.Open.class);
        return socket;
    }
}
