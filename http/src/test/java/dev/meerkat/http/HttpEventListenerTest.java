package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.ListenerLog;
import dev.meerkat.Manager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP layer reports each exchange to the manager's EventListener, between connected and closed. */
@Timeout(30)
class HttpEventListenerTest {
    private final ListenerLog calls = new ListenerLog();
    private final Manager manager = new Manager().eventListener(calls).start();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void eachExchangeIsARequestAndAResponseBetweenConnectedAndClosed() throws Exception {
        HttpServer server = manager.submit(() -> HttpServer.listen(manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
                    if (event instanceof HttpEvent.Message) {
                        exchange.reply(exchange.request().target().equals("/missing") ? 404 : 200, "ok");
                    }
                })).get(10, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + manager.submit(server::port).get(10, TimeUnit.SECONDS);
        HttpClient client = new HttpClient(manager);
        assertThat(client.send(HttpClientRequest.get(url + "/a")).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(client.send(HttpClientRequest.get(url + "/missing")).get(10, TimeUnit.SECONDS).status()).isEqualTo(404);
        client.close();
        manager.submit(server::close).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 1000 && calls.all().stream().filter(c -> c.contains(" closed ")).count() < 2; i++) {
            Thread.sleep(10);
        }
        for (String side : List.of("client", "server")) {
            List<String> seen = calls.side(side);
            assertThat(seen).as(side).hasSize(6).startsWith("connected", "request GET /a", "response 200",
                    "request GET /missing", "response 404");
            assertThat(seen.get(5)).as(side).startsWith("closed ");
        }
    }
}
