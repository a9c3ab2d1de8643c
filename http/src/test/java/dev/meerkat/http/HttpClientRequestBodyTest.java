package dev.meerkat.http;

import static dev.meerkat.http.HttpClientTest.await;
import static dev.meerkat.http.HttpClientTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Request bodies produced as they are sent: a file, a stream, a producer held back by the connection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientRequestBodyTest {

    private static final int SIZE = 8 << 20;

    private final LoopThread loop = new LoopThread();
    private final HttpClient client = new HttpClient(loop.manager);
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        client.close();
        loop.close();
    }

    /** A server that streams the body it gets and answers with its length and framing. */
    private String countingServer() throws Exception {
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0", HttpServerOptions.defaults(),
                new HttpHandler() {
                    private long count;

                    @Override
                    public void handle(HttpExchange exchange, HttpEvent event) {
                        if (event instanceof HttpEvent.Head) {
                            count = 0;
                        } else if (event instanceof HttpEvent.Body b) {
                            count += b.chunk().data().remaining();
                        } else if (event instanceof HttpEvent.End) {
                            String framing = exchange.request().headers().contains("Transfer-Encoding") ? "chunked" : "length";
                            exchange.reply(200, count + " " + framing);
                        }
                    }
                }));
        return "http://127.0.0.1:" + loop.call(server::port) + "/up";
    }

    private HttpResponse put(String url, RequestBody body) throws Exception {
        return await(client.send(HttpClientRequest.builder("PUT", url).body(body).build()));
    }

    @Test
    void aFileIsSentWithItsLength() throws Exception {
        Path file = dir.resolve("big");
        Files.write(file, new byte[SIZE]);
        assertThat(put(countingServer(), RequestBody.of(file)).bodyText()).isEqualTo(SIZE + " length");
    }

    @Test
    void aStreamOfUnknownLengthIsSentChunked() throws Exception {
        RequestBody body = RequestBody.of(new ByteArrayInputStream(new byte[300_000]), -1);
        assertThat(put(countingServer(), body).bodyText()).isEqualTo("300000 chunked");
    }

    /** A producer called only while the connection takes more: never far ahead of what was sent. */
    @Test
    void aProducerIsHeldBackByTheConnection() throws Exception {
        AtomicLong firstStop = new AtomicLong(-1);
        RequestBody producer = new RequestBody() {
            @Override
            public long length() {
                return SIZE;
            }

            @Override
            public boolean replayable() {
                return false;
            }

            @Override
            public void produce(BodySink sink) {
                ByteBuffer piece = ByteBuffer.allocate(16 * 1024);
                while (sink.written() < SIZE) {
                    if (!sink.write(piece.clear())) {
                        // The last piece may fill the connection too: the first stop is the one that holds back.
                        firstStop.compareAndSet(-1, sink.written());
                        return;
                    }
                }
                sink.end();
            }
        };
        assertThat(put(countingServer(), producer).bodyText()).isEqualTo(SIZE + " length");
        assertThat(firstStop.get()).as("the producer was stopped before the end").isPositive().isLessThan(SIZE);
    }

    @Test
    void aProducerThatBreaksItsLengthFailsTheExchange() throws Exception {
        RequestBody wrong = new RequestBody() {
            @Override
            public long length() {
                return 10;
            }

            @Override
            public boolean replayable() {
                return false;
            }

            @Override
            public void produce(BodySink sink) {
                sink.write(ByteBuffer.allocate(4));
                sink.end();
            }
        };
        HttpClientException e = failureOf(client.send(HttpClientRequest.builder("PUT", countingServer()).body(wrong).build()));

        assertThat(e.kind()).isEqualTo(HttpClientException.Kind.REQUEST_BODY);
        assertThat(e.getMessage()).contains("expected a request body of 10 bytes but the producer ended after 4");
    }
}
