package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meerkat.CloseReason;
import dev.meerkat.LoopThread;
import dev.meerkat.tls.TlsSession;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientTest {

    private LoopThread loop;
    private HttpClient client;

    @BeforeEach
    void start() {
        loop = new LoopThread();
        client = new HttpClient(loop.manager);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        loop.close();
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static HttpClientException failureOf(CompletableFuture<?> future) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class,
                () -> future.get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(e).as("expected the exchange to fail").isNotNull();
        assertThat(e.getCause()).isInstanceOf(HttpClientException.class);
        return (HttpClientException) e.getCause();
    }

    /** A Meerkat server answering with the client's port, so tests see which connection served them. */
    private String serverUrl() throws Exception {
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
                    if (event instanceof HttpEvent.Message m) {
                        exchange.reply(200, Headers.of("X-Peer-Port", "" + exchange.connection().remoteAddress().getPort()),
                                (m.request().method() + " " + m.request().bodyText()).getBytes());
                    }
                }));
        return "http://127.0.0.1:" + loop.call(server::port);
    }

    @Test
    void sendsRequestAndReturnsTheWholeResponse() throws Exception {
        String url = serverUrl();
        HttpResponse r = await(client.send(HttpClientRequest.builder("POST", url + "/p?q=1").body("payload").build()));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("POST payload");
        assertThat(r.complete()).isTrue();
        assertThat(r.closeReason()).isNull();
        assertThat(r.tlsSession()).as("plain http has no TLS session").isNull();
    }

    @Test
    void reusesAPooledConnection() throws Exception {
        String url = serverUrl();
        HttpResponse first = await(client.send(HttpClientRequest.get(url + "/1")));
        HttpResponse second = await(client.send(HttpClientRequest.get(url + "/2")));

        assertThat(second.headers().get("X-Peer-Port")).isEqualTo(first.headers().get("X-Peer-Port"));
    }

    @Test
    void keepsToTheLimitPerHost() throws Exception {
        client = new HttpClient(loop.manager, HttpClientOptions.defaults().withMaxPerHost(1));
        String url = serverUrl();
        List<CompletableFuture<HttpResponse>> all = List.of(client.send(HttpClientRequest.get(url + "/a")),
                client.send(HttpClientRequest.get(url + "/b")), client.send(HttpClientRequest.get(url + "/c")));

        assertThat(all).extracting(f -> await(f).headers().get("X-Peer-Port")).containsOnly(
                await(all.get(0)).headers().get("X-Peer-Port"));
    }

    @Test
    void answersHeadWithoutReadingABody() throws Exception {
        HttpResponse r = await(client.send(HttpClientRequest.builder("HEAD", serverUrl() + "/").build()));

        assertThat(r.headers().get("Content-Length")).isEqualTo("5");
        assertThat(r.body()).isEmpty();
        assertThat(r.complete()).isTrue();
    }

    @Test
    void closeDelimitedBodyEndedByFinIsComplete() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.0 200 OK\r\n\r\nuntil the end");
            socket.close();
        })) {
            HttpResponse r = await(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(r.bodyText()).isEqualTo("until the end");
            assertThat(r.complete()).isTrue();
            assertThat(r.closeReason()).isEqualTo(CloseReason.CLEAN);
        }
    }

    @Test
    void closeDelimitedBodyEndedByResetIsPossiblyTruncated() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.0 200 OK\r\n\r\nsome bytes");
            Thread.sleep(500); // a reset delivers only what the client read before it
            socket.setSoLinger(true, 0);
            socket.close();
        })) {
            HttpResponse r = await(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(r.bodyText()).isEqualTo("some bytes");
            assertThat(r.complete()).isFalse();
            assertThat(r.closeReason()).isEqualTo(CloseReason.RESET);
        }
    }

    @Test
    void contentLengthCutShortIsIncompleteEvenWithFin() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            socket.close();
        })) {
            HttpResponse r = await(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(r.bodyText()).isEqualTo("abc");
            assertThat(r.complete()).isFalse();
            assertThat(r.closeReason()).isEqualTo(CloseReason.CLEAN);
        }
    }

    /** Connection 1 answers once, then closes on the second request without a byte, like a server timing it out. */
    private static ScriptedServer staleAfterOneResponse() throws Exception {
        return new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nc" + n);
            if (n == 1) {
                ScriptedServer.readHead(socket);
                socket.close();
            } else {
                socket.getInputStream().read();
            }
        });
    }

    @Test
    void retriesAnIdempotentRequestOnceAfterAStalePooledConnection() throws Exception {
        try (ScriptedServer server = staleAfterOneResponse()) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            assertThat(await(client.send(HttpClientRequest.get(url))).bodyText()).isEqualTo("c1");

            HttpResponse retried = await(client.send(HttpClientRequest.builder("PUT", url).body("x").build()));

            assertThat(retried.bodyText()).isEqualTo("c2");
            assertThat(server.accepted()).isEqualTo(2);
        }
    }

    @Test
    void neverRetriesAPost() throws Exception {
        try (ScriptedServer server = staleAfterOneResponse()) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            await(client.send(HttpClientRequest.get(url)));

            HttpClientException e = failureOf(client.send(HttpClientRequest.builder("POST", url).body("x").build()));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.CLOSED);
            assertThat(e.getMessage()).contains("POST http://127.0.0.1:").contains("connection closed (CLEAN) before a response");
            assertThat(e.closeReason()).isEqualTo(CloseReason.CLEAN);
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void failsWithReadTimeoutWhenTheServerIsSilent() throws Exception {
        client = new HttpClient(loop.manager, HttpClientOptions.defaults().withReadTimeout(Duration.ofMillis(200)));
        try (ScriptedServer server = new ScriptedServer((socket, n) -> socket.getInputStream().readAllBytes())) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("read timed out after 200 ms without a response byte");
            assertThat(e.closeReason()).as("a timeout, not a close, ended the exchange").isNull();
        }
    }

    @Test
    void failsWithTotalTimeout() throws Exception {
        client = new HttpClient(loop.manager, HttpClientOptions.defaults().withTotalTimeout(Duration.ofMillis(300)));
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
            for (int i = 0; i < 50; i++) {
                ScriptedServer.write(socket, "x");
                Thread.sleep(50);
            }
        })) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("no complete response within 300 ms");
        }
    }

    @Test
    void failsToConnectToAClosedPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpClientException e = failureOf(client.send(HttpClientRequest.get("http://127.0.0.1:" + port + "/")));

        assertThat(e.kind()).isEqualTo(HttpClientException.Kind.CONNECT);
        assertThat(e.getMessage()).contains("connect to 127.0.0.1 failed");
        assertThat(e.closeReason()).isNotNull();
        assertThat(e.getMessage()).contains("failed (" + e.closeReason() + ")");
    }

    @Test
    void failureCarriesResetWhenTheServerResetsBeforeAResponse() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            // SO_LINGER 0: close sends RST instead of FIN.
            socket.setSoLinger(true, 0);
            socket.close();
        })) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.CLOSED);
            assertThat(e.closeReason()).isEqualTo(CloseReason.RESET);
        }
    }

    @Test
    void closesIdlePooledConnectionsAfterTheIdleTimeout() throws Exception {
        client = new HttpClient(loop.manager, HttpClientOptions.defaults().withIdleTimeout(Duration.ofMillis(100)));
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            socket.setSoTimeout(5000);
            int eof = socket.getInputStream().read();
            ScriptedServer.write(socket, eof < 0 ? "" : "unexpected");
        })) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            await(client.send(HttpClientRequest.get(url)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (loop.call(() -> loop.manager.connections().size()) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(loop.call(() -> loop.manager.connections().size())).isZero();
        }
    }

    @Test
    void streamsTheResponseToAListener() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        client.send(HttpClientRequest.get(serverUrl() + "/s"), new ResponseListener() {
            @Override
            public void onTlsSession(TlsSession session) {
                log.append("tls;");
            }

            @Override
            public void onHead(HttpResponseHead head) {
                log.append("head ").append(head.status()).append(';');
            }

            @Override
            public void onBody(BodyChunk chunk) {
                log.append("body ").append(new String(chunk.bytes())).append(';');
            }

            @Override
            public void onEnd(MessageEnd end) {
                seen.complete(log.append("end ").append(end.complete()).toString());
            }

            @Override
            public void onFailure(HttpClientException failure) {
                seen.completeExceptionally(failure);
            }
        });

        assertThat(await(seen)).as("no TLS session over plain http").isEqualTo("head 200;body GET ;end true");
    }

    @Test
    void failsOnAMalformedResponse() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
            socket.getInputStream().read();
        })) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("expected one Content-Length but was 1 and 2");
        }
    }

    @Test
    void sendsHostHeaderAndOriginFormTarget() throws Exception {
        CompletableFuture<String> head = new CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            head.complete(ScriptedServer.readHead(socket));
            ScriptedServer.write(socket, "HTTP/1.1 204 No Content\r\n\r\n");
            socket.getInputStream().read();
        })) {
            HttpResponse r = await(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/a%20b?x=1")));

            assertThat(r.status()).isEqualTo(204);
            assertThat(await(head)).startsWith("GET /a%20b?x=1 HTTP/1.1\r\n").contains("Host: 127.0.0.1:" + server.port() + "\r\n");
        }
    }

    @Test
    void skipsInterimResponsesBeforeTheFinalOne() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal");
            socket.getInputStream().read();
        })) {
            HttpResponse r = await(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("final");
        }
    }

    // ---- large uploads: the body waits for 100 Continue (RFC 9110 section 10.1.1), and a response that
    // comes before the upload finished is the response, whole, as curl takes it (the core issue's case B)

    private static final int UPLOAD = 8 * 1024 * 1024;
    private static final byte[] EARLY_BODY = new byte[51_200];

    static {
        Arrays.fill(EARLY_BODY, (byte) 'x');
    }

    private HttpResponse post(int port, byte[] body, String... headers) throws Exception {
        HttpClientRequest.Builder request = HttpClientRequest.builder("POST", "http://127.0.0.1:" + port + "/upload")
                .body(body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        CompletableFuture<HttpResponse> response = client.send(request.build());
        return await(response);
    }

    private static String earlyResponse() {
        return "HTTP/1.1 413 Content Too Large\r\nContent-Length: " + EARLY_BODY.length
                + "\r\nConnection: close\r\n\r\n" + new String(EARLY_BODY);
    }

    @Test
    void aRefusalBefore100ContinueIsTheResponseAndNoBodyIsSent() throws Exception {
        CompletableFuture<Long> bodyBytesSeen = new CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            String head = ScriptedServer.readHead(socket);
            assertThat(head).containsIgnoringCase("Expect: 100-continue");
            ScriptedServer.write(socket, earlyResponse());
            bodyBytesSeen.complete(socket.getInputStream().transferTo(OutputStreamSink.INSTANCE));
        })) {
            HttpResponse response = post(server.port(), new byte[UPLOAD]);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).isEqualTo(EARLY_BODY);
            assertThat(response.complete()).isTrue();
            assertThat(bodyBytesSeen.get(10, TimeUnit.SECONDS)).as("body bytes the server received").isZero();
        }
    }

    @Test
    void theBodyFollows100Continue() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            ScriptedServer.write(socket, "HTTP/1.1 100 Continue\r\n\r\n");
            new DataInputStream(socket.getInputStream()).readFully(new byte[UPLOAD]);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        })) {
            HttpResponse response = post(server.port(), new byte[UPLOAD]);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void theBodyGoesOutAnywayWhenTheServerNeverAnswersTheExpectation() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, n) -> {
            ScriptedServer.readHead(socket);
            new DataInputStream(socket.getInputStream()).readFully(new byte[UPLOAD]);
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        })) {
            assertThat(post(server.port(), new byte[UPLOAD]).bodyText()).isEqualTo("ok");
        }
    }

    /**
     * Without the expectation (an empty Expect header turns it off, as in curl) the upload is
     * backed up when the server answers and resets; the response read before the reset is whole.
     */
    @Test
    void anEarlyResponseBeforeAResetIsTheWholeResponse() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReceiveBufferSize(4096);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread server = new Thread(() -> answerEarlyThenReset(listener), "early-413");
            server.setDaemon(true);
            server.start();

            HttpResponse response = post(listener.getLocalPort(), new byte[UPLOAD], "Expect", "");

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).isEqualTo(EARLY_BODY);
            assertThat(response.complete()).isTrue();
        }
    }

    private static void answerEarlyThenReset(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            String head = ScriptedServer.readHead(socket);
            assertThat(head).doesNotContainIgnoringCase("Expect");
            ScriptedServer.write(socket, earlyResponse());
            Thread.sleep(50);
            socket.setSoLinger(true, 0);
        } catch (Exception e) {
            throw new AssertionError("the early-response server failed", e);
        }
    }

    /** Counts and drops what it is given. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
