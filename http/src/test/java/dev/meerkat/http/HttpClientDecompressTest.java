package dev.meerkat.http;

import static dev.meerkat.http.HttpClientTest.await;
import static dev.meerkat.http.HttpClientTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** gzip and deflate bodies decoded when the options ask for them, as curl's --compressed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientDecompressTest {

    private static final String TEXT = "meerkat ".repeat(20_000);

    private final LoopThread loop = new LoopThread();
    private final HttpClient client = new HttpClient(loop.manager, HttpClientOptions.defaults().withDecompress(true));

    @AfterEach
    void stop() {
        client.close();
        loop.close();
    }

    /** Answers with {@code coded} as a body with {@code Content-Encoding: coding}, chunked in small writes; records the request head. */
    private static ScriptedServer serving(String coding, byte[] coded, CompletableFuture<String> request) throws Exception {
        return new ScriptedServer((socket, n) -> {
            request.complete(ScriptedServer.readHead(socket));
            ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Encoding: " + coding + "\r\nContent-Length: "
                    + coded.length + "\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            for (int at = 0; at < coded.length; at += 7) {
                out.write(coded, at, Math.min(7, coded.length - at));
            }
            out.flush();
        });
    }

    private HttpResponse get(ScriptedServer server) throws Exception {
        return await(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));
    }

    @Test
    void asksForAndDecodesGzip() throws Exception {
        CompletableFuture<String> request = new CompletableFuture<>();
        try (ScriptedServer server = serving("gzip", gzip(TEXT), request)) {
            HttpResponse response = get(server);

            assertThat(await(request)).contains("\r\nAccept-Encoding: gzip, deflate\r\n");
            assertThat(response.bodyText()).isEqualTo(TEXT);
            assertThat(response.headers().contains("Content-Encoding")).isFalse();
            assertThat(response.complete()).isTrue();
        }
    }

    @Test
    void decodesZlibAndRawDeflate() throws Exception {
        for (boolean raw : new boolean[] {false, true}) {
            try (ScriptedServer server = serving("deflate", deflate(TEXT, raw), new CompletableFuture<>())) {
                assertThat(get(server).bodyText()).as(raw ? "raw deflate" : "zlib").isEqualTo(TEXT);
            }
        }
    }

    @Test
    void aCorruptGzipBodyIsAProtocolError() throws Exception {
        byte[] coded = gzip(TEXT);
        coded[coded.length - 5] ^= 1; // the trailer's length
        try (ScriptedServer server = serving("gzip", coded, new CompletableFuture<>())) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("gzip trailer");
        }
    }

    @Test
    void aGzipBodyCutShortIsAProtocolError() throws Exception {
        byte[] coded = gzip(TEXT);
        byte[] cut = Arrays.copyOf(coded, coded.length - 4);
        try (ScriptedServer server = serving("gzip", cut, new CompletableFuture<>())) {
            HttpClientException e = failureOf(client.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(e.getMessage()).contains("ended before its coded stream did");
        }
    }

    @Test
    void withoutTheOptionNothingIsAskedOrDecoded() throws Exception {
        HttpClient plain = new HttpClient(loop.manager);
        CompletableFuture<String> request = new CompletableFuture<>();
        byte[] coded = gzip(TEXT);
        try (ScriptedServer server = serving("gzip", coded, request)) {
            HttpResponse response = await(plain.send(HttpClientRequest.get("http://127.0.0.1:" + server.port() + "/")));

            assertThat(await(request)).doesNotContain("Accept-Encoding");
            assertThat(response.body()).isEqualTo(coded);
        }
        plain.close();
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(String text, boolean raw) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
