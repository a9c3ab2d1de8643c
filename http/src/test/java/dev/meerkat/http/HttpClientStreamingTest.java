package dev.meerkat.http;

import static dev.meerkat.http.HttpClientTest.await;
import static dev.meerkat.http.HttpClientTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.MemoryBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Responses streamed into a file without holding them, and a listener's backpressure. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientStreamingTest {

    private static final int SIZE = 8 << 20;

    private final MemoryBudget budget = MemoryBudget.ofBytes(4 << 20);
    private final LoopThread loop = new LoopThread(budget);
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        loop.close();
    }

    /** Answers with {@code SIZE} bytes, then completes {@code written}. */
    private static ScriptedServer large(CompletableFuture<Void> written) throws Exception {
        return new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + SIZE + "\r\n\r\n");
            byte[] piece = new byte[64 * 1024];
            for (int i = 0; i < SIZE / piece.length; i++) {
                socket.getOutputStream().write(piece);
            }
            written.complete(null);
        });
    }

    @Test
    void aBodyStreamsIntoAFileWithoutTheBodyLimitOrBeingHeld() throws Exception {
        HttpClient client = new HttpClient(loop.manager, HttpClientOptions.defaults().withMaxBodyBytes(1000));
        Path file = dir.resolve("body");
        try (ScriptedServer server = large(new CompletableFuture<>())) {
            HttpResponse response = await(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/"), file));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.complete()).isTrue();
            assertThat(response.body()).isEmpty();
            assertThat(Files.size(file)).isEqualTo(SIZE);
            assertThat(budget.peak()).as("bytes counted at once").isLessThan(SIZE / 2);
        }
    }

    @Test
    void aFileKeepsTheBytesThatArrivedBeforeATimeout() throws Exception {
        HttpClient client = new HttpClient(loop.manager, HttpClientOptions.defaults().withReadTimeout(Duration.ofMillis(300)));
        Path file = dir.resolve("partial");
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "z".repeat(500));
            socket.getInputStream().readAllBytes();
        })) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/"), file));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("after 500 body bytes");
            assertThat(e.partialResponse().status()).isEqualTo(200);
            assertThat(Files.readString(file)).isEqualTo("z".repeat(500));
        }
    }

    /**
     * A listener that pauses at the head gets no body until it resumes: the server cannot finish
     * writing meanwhile, and the read timeout (100 ms) does not end the paused exchange.
     */
    @Test
    void aPausedListenerGetsNoBodyUntilItResumes() throws Exception {
        HttpClient client = new HttpClient(loop.manager, HttpClientOptions.defaults().withReadTimeout(Duration.ofMillis(100)));
        CompletableFuture<Void> written = new CompletableFuture<>();
        CompletableFuture<HttpCall> paused = new CompletableFuture<>();
        CompletableFuture<MessageEnd> ended = new CompletableFuture<>();
        AtomicLong received = new AtomicLong();
        try (ScriptedServer server = large(written)) {
            client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/"), new ResponseListener() {
                private HttpCall call;

                @Override
                public void onStart(HttpCall c) {
                    call = c;
                }

                @Override
                public void onHead(HttpResponseHead head) {
                    call.pause();
                    paused.complete(call);
                }

                @Override
                public void onBody(BodyChunk chunk) {
                    received.addAndGet(chunk.data().remaining());
                }

                @Override
                public void onEnd(MessageEnd end) {
                    ended.complete(end);
                }

                @Override
                public void onFailure(HttpClientException failure) {
                    ended.completeExceptionally(failure);
                }
            });
            HttpCall call = await(paused);
            Thread.sleep(500);
            assertThat(written).as("the server is held back").isNotDone();
            assertThat(ended).as("neither ended nor timed out while paused").isNotDone();
            assertThat(received.get()).isLessThan(SIZE);

            call.resume();
            assertThat(await(ended).complete()).isTrue();
            assertThat(received.get()).isEqualTo(SIZE);
        }
    }
}
