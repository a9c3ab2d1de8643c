package dev.meerkat.ws;

import dev.meerkat.Manager;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpExchange;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;

/** A WebSocket echo server for {@link SmallHeapEchoTest}'s child JVM: prints its port, then runs until killed. */
final class SmallHeapEchoServer {

    private SmallHeapEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        WsOptions options = WsOptions.defaults().withMaxMessageSize(Integer.parseInt(args[0]));
        Manager manager = new Manager();
        HttpServer http = HttpServer.listen(manager, "http://127.0.0.1:0", HttpServerOptions.defaults(),
                (exchange, event) -> accept(exchange, event, options));
        System.out.println(http.port());
        System.out.flush();
        manager.run();
    }

    private static void accept(HttpExchange exchange, HttpEvent event, WsOptions options) {
        if (event instanceof HttpEvent.End) {
            WebSocket.accept(exchange, options, (ws, e) -> {
                if (e instanceof WsEvent.Binary b) {
                    ws.send(b.data());
                }
            });
        }
    }
}
