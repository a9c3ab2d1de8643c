package dev.meerkat.http;

import static dev.meerkat.http.HttpClientTest.await;
import static dev.meerkat.http.HttpClientTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.MemoryBudget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failures keep what arrived (the exception carries the bytes and says how many), limits are their
 * own errors, refused as early as the head allows, and a held body counts in the memory budget.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientKeepsWhatArrivedTest {

    private final MemoryBudget budget = MemoryBudget.ofBytes(256 * 1024);
    private final LoopThread loop = new LoopThread(budget);

    @AfterEach
    void stop() {
        loop.close();
        assertThat(budget.used()).as("bytes still counted").isZero();
    }

    private HttpClient client(HttpClientOptions options) {
        return new HttpClient(loop.manager, options);
    }

    private static String url(ScriptedServer server) {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    @Test
    void aTimeoutKeepsTheBodyBytesThatArrivedAndSaysHowMany() throws Exception {
        HttpClient client = client(HttpClientOptions.defaults().withReadTimeout(Duration.ofMillis(300)));
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(500));
            socket.getInputStream().readAllBytes();
        })) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get(url(server))));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.TIMEOUT);
            assertThat(e.receivedBytes()).isEqualTo(500);
            assertThat(e.getMessage()).contains("after 500 body bytes");
            assertThat(e.partialResponse().status()).isEqualTo(200);
            assertThat(e.partialResponse().bodyText()).isEqualTo("x".repeat(500));
            assertThat(e.partialResponse().complete()).isFalse();
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAtTheHead() throws Exception {
        // The server never sends the body: only a refusal at the head ends the exchange before the read timeout.
        HttpClient client = client(HttpClientOptions.defaults().withMaxBodyBytes(1000).withReadTimeout(Duration.ofSeconds(30)));
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
            socket.getInputStream().readAllBytes();
        })) {
            CompletableFuture<HttpResponse> response = client.send(HttpClientRequest.get(url(server)));
            HttpClientException e = failureOf(response);

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.TOO_LARGE);
            assertThat(e.getMessage()).contains("at most 1000 bytes (maxBodyBytes) but Content-Length is 1000000")
                    .contains("after 0 body bytes");
        }
    }

    @Test
    void aBodyTheBudgetHasNoRoomForFailsWithItsOwnKindNamingTheBudget() throws Exception {
        HttpClient client = client(HttpClientOptions.defaults());
        int size = 200 * 1024;
        try (ScriptedServer server = answering(size)) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get(url(server))));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.MEMORY_BUDGET);
            assertThat(e.getMessage()).contains("memory budget").contains("of 262144 bytes")
                    .contains("no room for a body of");
        }
    }

    @Test
    void aBodyWithinTheBudgetIsCountedWhileHeldAndGivenBack() throws Exception {
        HttpClient client = client(HttpClientOptions.defaults());
        int size = 64 * 1024;
        try (ScriptedServer server = answering(size)) {
            HttpResponse response = await(client.send(HttpClientRequest.get(url(server))));

            assertThat(response.body()).hasSize(size);
            assertThat(budget.peak()).as("the body was counted").isGreaterThanOrEqualTo(size);
        }
    }

    /** A server answering one request with a body of {@code size} bytes. */
    private static ScriptedServer answering(int size) throws Exception {
        return new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n" + "y".repeat(size));
        });
    }

    @Test
    void anUnasked101IsAProtocolError() throws Exception {
        HttpClient client = client(HttpClientOptions.defaults());
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: other\r\nConnection: upgrade\r\n\r\nbytes");
            socket.getInputStream().readAllBytes();
        })) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get(url(server))));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("switched protocols (101) unasked");
        }
    }

    @Test
    void aRequestSentWithConnectionCloseTakesItsConnectionOutOfThePool() throws Exception {
        HttpClient client = client(HttpClientOptions.defaults());
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            for (int i = 0; i < 2; i++) {
                ScriptedServer.readHead(socket);
                ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + n);
            }
        })) {
            HttpClientRequest closing = HttpClientRequest.builder("GET", url(server)).header("Connection", "close").build();
            assertThat(await(client.send(closing)).bodyText()).isEqualTo("1");
            assertThat(await(client.send(HttpClientRequest.get(url(server)))).bodyText())
                    .as("served by a second connection").isEqualTo("2");
        }
    }

    @Test
    void sendsADefaultUserAgentUnlessTheRequestHasOne() throws Exception {
        HttpClient client = client(HttpClientOptions.defaults());
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            first.complete(ScriptedServer.readHead(socket));
            ScriptedServer.write(socket, "HTTP/1.1 204 No Content\r\n\r\n");
            second.complete(ScriptedServer.readHead(socket));
            ScriptedServer.write(socket, "HTTP/1.1 204 No Content\r\n\r\n");
        })) {
            await(client.send(HttpClientRequest.get(url(server))));
            await(client.send(HttpClientRequest.builder("GET", url(server)).header("User-Agent", "mine/1").build()));

            assertThat(await(first)).containsPattern("\r\nUser-Agent: meerkat/\\d+\\.\\d+[^\r]*\r\n");
            assertThat(await(second)).contains("\r\nUser-Agent: mine/1\r\n").doesNotContain("meerkat/");
        }
    }
}
