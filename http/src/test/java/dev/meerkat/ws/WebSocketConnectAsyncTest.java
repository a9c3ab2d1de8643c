package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.Manager;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WebSocketConnectAsyncTest {
    private final Manager manager = new Manager().start();

    @AfterEach
    void close() {
        manager.close();
    }

    private String serve(boolean accept) throws Exception {
        HttpServer server = manager.submit(() -> HttpServer.listen(manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
                    if (event instanceof HttpEvent.Message && accept) {
                        WebSocket.accept(exchange, WsOptions.defaults(), (ws, e) -> {
                            if (e instanceof WsEvent.Text text) {
                                ws.send("echo: " + text.text());
                            }
                        });
                    } else if (event instanceof HttpEvent.Message) {
                        exchange.reply(403, "no");
                    }
                })).get(10, TimeUnit.SECONDS);
        return "ws://127.0.0.1:" + manager.submit(server::port).get(10, TimeUnit.SECONDS) + "/chat";
    }

    @Test
    void completesAtOpenAndSendsFromTheLoop() throws Exception {
        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket ws = WebSocket.connectAsync(manager, serve(true), WsOptions.defaults(), (s, e) -> {
            if (e instanceof WsEvent.Text text) {
                echoed.complete(text.text());
            }
        }).get(10, TimeUnit.SECONDS);
        manager.execute(() -> ws.send("hi"));
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("echo: hi");
    }

    @Test
    void failsWhenTheHandshakeIsRefused() throws Exception {
        CompletableFuture<WebSocket> refused = WebSocket.connectAsync(manager, serve(false), WsOptions.defaults(), (s, e) -> { });
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WsHandshakeException.class);
    }
}
