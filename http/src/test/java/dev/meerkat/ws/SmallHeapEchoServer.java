package dev.meerkat.ws;

import dev.meerkat.Manager;
import dev.meerkat.MemoryBudget;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpExchange;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;

/**
 * A WebSocket echo server for {@link SmallHeapEchoTest}'s child JVM: prints its port, then runs until
 * killed. Its memory budget is set to three times the message: the default (a quarter of the 32 MiB
 * heap, half of that for a held message) would refuse the 8 MiB message with 1013, while the test is
 * about what receiving it costs the heap.
 */
final class SmallHeapEchoServer {

    private SmallHeapEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int message = Integer.parseInt(args[0]);
        WsOptions options = WsOptions.defaults().withMaxMessageSize(message);
        Manager manager = new Manager(MemoryBudget.ofBytes(3L * message));
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
