package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@link HttpClient} shared by many virtual threads, each blocking on its own response: the
 * thread-per-request style JDK 21 makes cheap, on top of the one loop thread. {@code send} is one of
 * the client's thread-safe entries, so every request must come back whole and to its own thread.
 * Lives in src/test-jdk21/java: only a JDK 21+ build compiles it (the root pom's jdk21-tests profile).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirtualThreadClientTest {

    private static final int THREADS = 300;

    @Test
    void everyVirtualThreadGetsItsOwnWholeResponse() throws Exception {
        try (LoopThread loop = new LoopThread()) {
            String url = echoServerUrl(loop);
            HttpClient client = new HttpClient(loop.manager);
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    String body = "request " + i;
                    answers.add(threads.submit(() -> exchange(client, url, body)));
                }
                for (int i = 0; i < THREADS; i++) {
                    assertThat(answers.get(i).get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                            .as("answer to virtual thread %d", i)
                            .isEqualTo("virtual 200 whole: echo request " + i);
                }
            } finally {
                client.close();
            }
        }
    }

    /** Sends {@code body} and blocks this thread until the response; says what came back and where. */
    private static String exchange(HttpClient client, String url, String body) throws Exception {
        HttpResponse r = client.send(HttpClientRequest.builder("POST", url).body(body).build())
                .get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        String thread = Thread.currentThread().isVirtual() ? "virtual" : "platform";
        return thread + " " + r.status() + (r.complete() ? " whole: " : " cut: ") + r.bodyText();
    }

    private static String echoServerUrl(LoopThread loop) throws Exception {
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
                    if (event instanceof HttpEvent.Message m) {
                        exchange.reply(200, "echo " + m.request().bodyText());
                    }
                }));
        return "http://127.0.0.1:" + loop.call(server::port) + "/echo";
    }
}
