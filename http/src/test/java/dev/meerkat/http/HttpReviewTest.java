package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.LoopThread;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Framing and flow rules found in review: desync, Host, chunked-reply backpressure. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpReviewTest {

    private LoopThread loop;

    @BeforeEach
    void start() {
        loop = new LoopThread();
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private int listen(HttpHandler handler) throws Exception {
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true), handler));
        return loop.call(server::port);
    }

    /**
     * Bytes after a complete response were never asked for: taking them as the answer to the next
     * request (queued for this connection) would hand it a response the server may not have meant.
     */
    @Test
    void neverTakesBytesAfterAResponseAsTheNextRequestsResponse() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, number) -> {
            ScriptedServer.readHead(socket);
            if (number == 1) {
                ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil");
                ScriptedServer.readHead(socket);
            } else {
                ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
            }
            socket.getInputStream().read();
        }); HttpClient client = new HttpClient(loop.manager, HttpClientOptions.defaults().withMaxPerHost(1))) {
            String url = "http://127.0.0.1:" + server.port();
            CompletableFuture<HttpResponse> first = client.send(HttpClientRequest.get(url + "/1"));
            CompletableFuture<HttpResponse> second = client.send(HttpClientRequest.get(url + "/2"));

            assertThat(first.get(10, TimeUnit.SECONDS).bodyText()).isEqualTo("first");
            assertThat(second.get(10, TimeUnit.SECONDS).bodyText()).isEqualTo("second");
        }
    }

    /** RFC 9112 §3.2: an HTTP/1.1 request without Host, or with two, is answered 400. */
    @Test
    void rejectsHttp11RequestWithoutHostAndWithTwoHosts() throws Exception {
        int port = listen((exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                exchange.reply(200, "served");
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("GET / HTTP/1.1\r\n\r\n");
            assertThat(client.readToEnd()).startsWith("HTTP/1.1 400").doesNotContain("served");
        }
        try (RawClient client = new RawClient(port)) {
            client.write("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
            assertThat(client.readToEnd()).startsWith("HTTP/1.1 400").doesNotContain("served");
        }
        try (RawClient client = new RawClient(port)) {
            client.write("GET / HTTP/1.0\r\n\r\n");
            assertThat(client.readToEnd()).startsWith("HTTP/1.1 200").endsWith("served");
        }
    }

    /**
     * A handler streaming a large chunked reply must be able to stop when the peer reads slowly:
     * {@link HttpExchange#isWritable()} turns false at the send limit and
     * {@link HttpExchange#onWritable} resumes it, so the server never buffers the whole body.
     */
    @Test
    void chunkedReplyStopsAtTheSendLimitAndResumesWhenWritable() throws Exception {
        byte[] chunk = new byte[16 * 1024];
        int chunks = 400;
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger mostQueued = new AtomicInteger();
        int port = listen((exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                exchange.startChunked(200, Headers.empty());
                new Runnable() {
                    @Override
                    public void run() {
                        while (exchange.isWritable() && sent.get() < chunks) {
                            exchange.sendChunk(chunk);
                            sent.incrementAndGet();
                            mostQueued.accumulateAndGet((int) exchange.queuedBytes(), Math::max);
                        }
                        if (sent.get() == chunks) {
                            exchange.endChunked();
                        } else {
                            exchange.onWritable(this);
                        }
                    }
                }.run();
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            // Let the server run into the send limit before anything is read.
            Thread.sleep(300);
            long body = 0;
            InputStream in = client.input();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                body += n;
            }
            assertThat(body).isGreaterThan((long) chunks * chunk.length);
        }
        assertThat(sent).hasValue(chunks);
        int sendLimit = dev.meerkat.Options.DEFAULT_SEND_LIMIT;
        assertThat(mostQueued.get()).as("most bytes the reply held queued").isLessThanOrEqualTo(sendLimit + 2 * chunk.length);
    }

    /** A reason phrase is written raw into the status line: CR LF in it would split the response. */
    @Test
    void refusesAReasonPhraseThatWouldSplitTheResponse() {
        HttpResponseHead head = new HttpResponseHead(HttpVersion.HTTP_1_1, 200, "OK\r\nSet-Cookie: evil=1",
                Headers.empty());
        assertThatThrownBy(head::encode).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start line");
    }
}
