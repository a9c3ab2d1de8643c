package dev.meerkat.http;

import static dev.meerkat.http.HttpClientTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.meerkat.LoopThread;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The synchronous call and cancelling: a cancelled exchange ends once and its connection closes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientCallTest {

    private final LoopThread loop = new LoopThread();
    private final HttpClient client = new HttpClient(loop.manager);

    @AfterEach
    void stop() {
        client.close();
        loop.close();
    }

    /** A server that answers with a head and part of the body, then reports when the client closed. */
    private static ScriptedServer stalling(CompletableFuture<Boolean> clientClosed) throws Exception {
        return new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
            clientClosed.complete(socket.getInputStream().read() < 0);
        });
    }

    @Test
    void sendAndWaitReturnsTheWholeResponse() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        })) {
            HttpResponse response = client.sendAndWait(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/"));

            assertThat(response.bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void sendAndWaitOnTheManagersThreadIsRefused() throws Exception {
        Throwable refused = loop.call(() -> catchThrowable(() -> client.sendAndWait(HttpClientRequest.get("http://127.0.0.1:1/"))));

        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("manager's")
                .hasMessageContaining("use send");
    }

    @Test
    void cancelAbortsAStreamedExchangeAndClosesItsConnection() throws Exception {
        CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
        CompletableFuture<HttpResponseHead> head = new CompletableFuture<>();
        CompletableFuture<HttpClientException> failure = new CompletableFuture<>();
        try (ScriptedServer server = stalling(clientClosed)) {
            HttpCall call = client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/"), new ResponseListener() {
                @Override
                public void onHead(HttpResponseHead h) {
                    head.complete(h);
                }

                @Override
                public void onBody(BodyChunk chunk) {
                }

                @Override
                public void onEnd(MessageEnd end) {
                    failure.completeExceptionally(new AssertionError("expected no end after cancel"));
                }

                @Override
                public void onFailure(HttpClientException f) {
                    failure.complete(f);
                }
            });
            await(head);
            call.cancel();

            assertThat(await(failure).kind()).isEqualTo(HttpClientException.Kind.CANCELLED);
            assertThat(await(failure).getMessage()).contains("cancelled (after 3 body bytes)");
            assertThat(await(clientClosed)).as("the server saw the connection end").isTrue();
        }
    }

    @Test
    void cancellingTheFutureAbortsTheExchangeAndClosesItsConnection() throws Exception {
        CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
        try (ScriptedServer server = stalling(clientClosed)) {
            CompletableFuture<HttpResponse> response = client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/"));
            for (int i = 0; i < 200 && server.accepted() == 0; i++) {
                Thread.sleep(10);
            }
            response.cancel(true);

            assertThat(await(clientClosed)).as("the server saw the connection end").isTrue();
        }
    }
}
