package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.meerkat.LoopThread;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpServerTest {

    private LoopThread loop;
    private HttpServer server;

    @BeforeEach
    void start() {
        loop = new LoopThread();
    }

    @AfterEach
    void stop() throws Exception {
        loop.close();
    }

    private int listen(HttpServerOptions options, HttpHandler handler) throws Exception {
        server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0", options, handler));
        return loop.call(server::port);
    }

    private int listenEcho() throws Exception {
        return listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Message m) {
                exchange.reply(200, m.request().method() + " " + m.request().target() + " " + m.request().bodyText());
            }
        });
    }

    @Test
    void answersKeepAliveRequestsOnOneConnection() throws Exception {
        try (RawClient client = new RawClient(listenEcho())) {
            client.write("GET /one HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(client.readUntil("GET /one ")).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 9\r\n");
            client.write("POST /two HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc");
            assertThat(client.readUntil("POST /two abc")).doesNotContain("Connection: close");
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (RawClient client = new RawClient(listenEcho())) {
            client.write("GET /1 HTTP/1.1\r\nHost: t\r\n\r\nPOST /2 HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2\r\nhi\r\n0\r\n\r\nGET /3 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            String all = client.readToEnd();

            assertThat(all.indexOf("GET /1 ")).isLessThan(all.indexOf("POST /2 hi")).isPositive();
            assertThat(all.indexOf("POST /2 hi")).isLessThan(all.indexOf("GET /3 "));
            assertThat(all).contains("Connection: close");
        }
    }

    @Test
    void keepsOrderWhenAnEarlierRequestIsAnsweredLater() throws Exception {
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Message m && m.request().target().equals("/slow")) {
                exchange.connection().manager().schedule(Duration.ofMillis(100), null,
                        () -> exchange.reply(200, "slow"));
            } else if (event instanceof HttpEvent.Message) {
                exchange.reply(200, "fast");
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
            String both = client.readUntil("fast");

            assertThat(both.indexOf("slow")).isPositive().isLessThan(both.indexOf("fast"));
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveWasAsked() throws Exception {
        int port = listenEcho();
        try (RawClient client = new RawClient(port)) {
            client.write("GET /a HTTP/1.0\r\n\r\n");
            assertThat(client.readToEnd()).contains("Connection: close").endsWith("GET /a ");
        }
        try (RawClient client = new RawClient(port)) {
            client.write("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(client.readUntil("GET /b ")).contains("Connection: keep-alive");
            client.write("GET /c HTTP/1.0\r\n\r\n");
            assertThat(client.readToEnd()).endsWith("GET /c ");
        }
    }

    @Test
    void answersMalformedRequestWithItsStatusAndCloses() throws Exception {
        try (RawClient client = new RawClient(listenEcho())) {
            client.write("GET /ok HTTP/1.1\r\nHost: t\r\n\r\nPOST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n");
            String all = client.readToEnd();

            assertThat(all).contains("GET /ok ").contains("HTTP/1.1 400 Bad Request\r\n")
                    .contains("message 2: expected Content-Length or Transfer-Encoding but was both");
        }
    }

    @Test
    void rejectsTooLargeBodyWith413WhenNotStreaming() throws Exception {
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true).withBodyLimit(10), (exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                exchange.reply(200, "unexpected");
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\n");
            assertThat(client.readToEnd()).startsWith("HTTP/1.1 413 Content Too Large\r\n").doesNotContain("unexpected");
        }
        try (RawClient client = new RawClient(port)) {
            client.write("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
            assertThat(client.readToEnd()).startsWith("HTTP/1.1 413 ");
        }
    }

    @Test
    void streamsBodiesByDefaultWhateverTheBodyLimit() throws Exception {
        assertStreams(HttpServerOptions.defaults().withBodyLimit(4), false);
    }

    @Test
    void aBufferingServerStreamsTheBodyOfARequestWhoseHandlerAsks() throws Exception {
        assertStreams(HttpServerOptions.defaults().withBufferedBodies(true).withBodyLimit(4), true);
    }

    /** A 10-byte body arrives as Body events then End, with {@link HttpExchange#streamBody()} called in Head if asked. */
    private void assertStreams(HttpServerOptions options, boolean askInHead) throws Exception {
        StringBuilder seen = new StringBuilder();
        int port = listen(options, (exchange, event) -> {
            if (event instanceof HttpEvent.Head && askInHead) {
                exchange.streamBody();
            } else if (event instanceof HttpEvent.Body b) {
                seen.append(new String(b.chunk().bytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
            } else if (event instanceof HttpEvent.End) {
                exchange.reply(200, "got " + seen);
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("PUT / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789");
            assertThat(client.readUntil("got 0123456789")).startsWith("HTTP/1.1 200 ");
        }
    }

    /**
     * Every request without trailers shares one End event (ServerSession): requests with trailers
     * before and after it, on this connection and on another, still see their own.
     */
    @Test
    void eachEndCarriesItsOwnRequestsTrailers() throws Exception {
        int port = listen(HttpServerOptions.defaults(), (exchange, event) -> {
            if (event instanceof HttpEvent.End end) {
                exchange.reply(200, "trailers " + end.trailers().size() + " " + end.trailers().get("X-Sum") + "|");
            }
        });
        String withTrailer = "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-Sum: %s\r\n\r\n";
        String without = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";
        try (RawClient one = new RawClient(port); RawClient two = new RawClient(port)) {
            one.write(String.format(withTrailer, "1"));
            assertThat(one.readUntil("|")).endsWith("trailers 1 1|");
            one.write(without);
            assertThat(one.readUntil("|")).endsWith("trailers 0 null|");
            two.write(String.format(withTrailer, "2"));
            assertThat(two.readUntil("|")).endsWith("trailers 1 2|");
            one.write(without);
            assertThat(one.readUntil("|")).endsWith("trailers 0 null|");
            one.write(String.format(withTrailer, "3"));
            assertThat(one.readUntil("|")).endsWith("trailers 1 3|");
        }
    }

    @Test
    void aHandlerTakesOneRequestWholeByAskingDuringHead() throws Exception {
        int port = listen(HttpServerOptions.defaults(), (exchange, event) -> {
            if (event instanceof HttpEvent.Head) {
                exchange.bufferBody();
            } else if (event instanceof HttpEvent.Message m) {
                exchange.reply(200, "whole " + m.request().bodyText());
            } else {
                exchange.reply(500, "expected Head then Message but was " + event);
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n");
            assertThat(client.readUntil("whole abcd")).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void anEchoStartedWhileTheBodyStreamsKeepsTheConnection() throws Exception {
        int port = listen(HttpServerOptions.defaults(), (exchange, event) -> {
            if (event instanceof HttpEvent.Body b) {
                if (!exchange.replyStarted()) {
                    exchange.startChunked(200, Headers.empty());
                }
                exchange.sendChunk(b.chunk().data());
            } else if (event instanceof HttpEvent.End) {
                exchange.endChunked();
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("PUT / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nabcd");
            assertThat(client.readUntil("0\r\n\r\n")).startsWith("HTTP/1.1 200 ").contains("abcd")
                    .doesNotContain("Connection: close");
            client.write("PUT / HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nef");
            assertThat(client.readUntil("0\r\n\r\n")).startsWith("HTTP/1.1 200 ").contains("ef");
        }
    }

    @Test
    void sendsContinueBeforeReadingTheBody() throws Exception {
        try (RawClient client = new RawClient(listenEcho())) {
            client.write("PUT /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            assertThat(client.readUntil("\r\n\r\n")).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            client.write("data");
            assertThat(client.readUntil("PUT /up data")).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void handlerRejectingAnExpectationGetsNoContinueAndTheConnectionCloses() throws Exception {
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Head h && h.head().expectsContinue()) {
                exchange.reply(417, "no");
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("PUT /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            String all = client.readToEnd();

            assertThat(all).startsWith("HTTP/1.1 417 Expectation Failed\r\n").contains("Connection: close")
                    .doesNotContain("100 Continue");
        }
    }

    @Test
    void sendsChunkedReplies() throws Exception {
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                exchange.startChunked(200, Headers.of("Content-Type", "text/plain"));
                exchange.sendChunk("hello ".getBytes());
                exchange.sendChunk("world".getBytes());
                exchange.endChunked(Headers.of("X-Done", "yes"));
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(client.readUntil("X-Done: yes\r\n\r\n")).contains("Transfer-Encoding: chunked\r\n")
                    .endsWith("\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\nX-Done: yes\r\n\r\n");
        }
    }

    @Test
    void answersHeadWithoutBody() throws Exception {
        try (RawClient client = new RawClient(listenEcho())) {
            client.write("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\nGET /g HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            String all = client.readToEnd();

            assertThat(all).containsPattern("Content-Length: 8\r\nDate: [^\r]+\r\n\r\nHTTP/1.1 200 OK").endsWith("GET /g ");
        }
    }

    @Test
    void gracefulShutdownFinishesInFlightRepliesAndClosesIdleConnections() throws Exception {
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                exchange.connection().manager().schedule(Duration.ofMillis(200), null, () -> exchange.reply(200, "late"));
            }
        });
        try (RawClient idle = new RawClient(port); RawClient busy = new RawClient(port)) {
            busy.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            Thread.sleep(50);
            var done = loop.call(server::shutdown);

            assertThat(idle.closedByPeer()).isTrue();
            assertThat(busy.readToEnd()).contains("Connection: close").endsWith("late");
            done.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void handsTheConnectionToAnotherProtocolAfter101() throws Exception {
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                exchange.reply(101, Headers.of("Upgrade", "echo", "Connection", "Upgrade"), new byte[0]);
                exchange.connection().handler((c, e) -> {
                    if (e instanceof dev.meerkat.Event.Read r) {
                        c.send(r.data());
                    }
                });
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("GET /chat HTTP/1.1\r\nHost: t\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\nGET /not-http");
            String all = client.readUntil("GET /not-http");

            assertThat(all).startsWith("HTTP/1.1 101 Switching Protocols\r\n").doesNotContain("Content-Length")
                    .endsWith("\r\n\r\nGET /not-http");
        }
    }

    @Test
    void answers500WhenTheHandlerThrows() throws Exception {
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                throw new IllegalStateException("handler bug");
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");

            assertThat(client.readToEnd()).startsWith("HTTP/1.1 500 Internal Server Error\r\n").contains("Connection: close");
        }
    }

    @Test
    void closeAfterReplyAddsConnectionCloseAndClosesAfterTheReply() throws Exception {
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                exchange.closeAfterReply();
                exchange.reply(200, "bye");
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("GET / HTTP/1.1\r\nHost: t\r\n\r\nGET /never HTTP/1.1\r\nHost: t\r\n\r\n");

            assertThat(client.readToEnd()).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n")
                    .contains("Content-Length: 3\r\n").endsWith("\r\n\r\nbye");
        }
    }

    @Test
    void closeAfterReplyWhileAChunkedReplyStreamsClosesAfterItsEnd() throws Exception {
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                exchange.startChunked(200, Headers.empty());
                exchange.sendChunk("part".getBytes());
                exchange.closeAfterReply();
                exchange.endChunked();
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");

            assertThat(client.readToEnd()).doesNotContain("Connection: close").endsWith("\r\n\r\n4\r\npart\r\n0\r\n\r\n");
        }
    }

    @Test
    void closeAfterReplyRefusesAReplyAlreadySent() throws Exception {
        CompletableFuture<Throwable> refusal = new CompletableFuture<>();
        int port = listen(HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
            if (event instanceof HttpEvent.Message) {
                exchange.reply(200, "done");
                refusal.complete(catchThrowable(exchange::closeAfterReply));
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.write("GET /late HTTP/1.1\r\nHost: t\r\n\r\n");

            assertThat(client.readUntil("done")).doesNotContain("Connection: close");
            assertThat(refusal.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expected closeAfterReply() before the reply to GET /late was complete");
            client.write("GET /next HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(client.readUntil("done")).as("the connection stays open for the next request").startsWith("HTTP/1.1 200 ");
        }
    }
}
