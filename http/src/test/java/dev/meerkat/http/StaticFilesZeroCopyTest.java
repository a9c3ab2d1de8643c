package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.Options;
import dev.meerkat.faketls.FakeTlsContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of {@link StaticFiles#ZERO_COPY_MIN_BYTES} and more: handed to the connection, which sends
 * them with sendfile on plain connections and encrypts them from the file on TLS ones; whole, in
 * ranges, and before the next response.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StaticFilesZeroCopyTest {

    @TempDir
    Path dir;

    private final byte[] big = new byte[3 * 1024 * 1024 + 17];
    private LoopThread loop;

    @BeforeEach
    void start() throws Exception {
        new Random(11).nextBytes(big);
        Files.write(Files.createDirectories(dir.resolve("root")).resolve("big.bin"), big);
        Files.writeString(dir.resolve("root/hello.txt"), "hello, file");
        loop = new LoopThread();
    }

    @AfterEach
    void stop() throws Exception {
        loop.close();
    }

    private int serve(Options connection) throws Exception {
        StaticFiles files = new StaticFiles(dir.resolve("root"));
        String scheme = connection.tls() == null ? "http" : "https";
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, scheme + "://127.0.0.1:0",
                HttpServerOptions.defaults().withConnection(connection), files.handler()));
        return loop.call(server::port);
    }

    private static byte[] body(String response, int from) {
        int start = response.indexOf("\r\n\r\n", from) + 4;
        return response.substring(start).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aPipelinedRequestIsAnsweredAfterTheWholeFile() throws Exception {
        try (RawClient client = new RawClient(serve(Options.defaults()))) {
            client.write("GET /big.bin HTTP/1.1\r\nHost: t\r\n\r\nGET /hello.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            String all = client.readToEnd();

            String head = "Content-Length: " + big.length + "\r\n";
            assertThat(all).startsWith("HTTP/1.1 200 OK\r\n").contains(head);
            int second = all.indexOf("\r\n\r\n") + 4 + big.length;
            assertThat(Arrays.copyOf(body(all, 0), big.length)).isEqualTo(big);
            assertThat(all.substring(second)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nhello, file");
        }
    }

    @Test
    void servesRangesOfALargeFile() throws Exception {
        int port = serve(Options.defaults());
        try (RawClient client = new RawClient(port)) {
            client.write("GET /big.bin HTTP/1.1\r\nHost: t\r\nRange: bytes=100000-2099999\r\nConnection: close\r\n\r\n");
            String response = client.readToEnd();

            assertThat(response).startsWith("HTTP/1.1 206 Partial Content\r\n")
                    .contains("Content-Range: bytes 100000-2099999/" + big.length + "\r\n")
                    .contains("Content-Length: 2000000\r\n");
            assertThat(body(response, 0)).isEqualTo(Arrays.copyOfRange(big, 100_000, 2_100_000));
        }
        try (RawClient client = new RawClient(port)) {
            client.write("GET /big.bin HTTP/1.1\r\nHost: t\r\nRange: bytes=-70000\r\nConnection: close\r\n\r\n");

            assertThat(body(client.readToEnd(), 0)).isEqualTo(Arrays.copyOfRange(big, big.length - 70_000, big.length));
        }
    }

    @Test
    void tlsConnectionsStillGetEveryByte() throws Exception {
        int port = serve(Options.defaults().withTls(new FakeTlsContext()));
        HttpClient client = new HttpClient(loop.manager,
                HttpClientOptions.defaults().withConnection(Options.defaults().withTls(new FakeTlsContext())));
        try {
            HttpResponse whole = client.send(HttpClientRequest.get("https://127.0.0.1:" + port + "/big.bin"))
                    .get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            HttpResponse range = client.send(HttpClientRequest.builder("GET", "https://127.0.0.1:" + port + "/big.bin")
                    .header("Range", "bytes=65536-").build())
                    .get(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(whole.status()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(big);
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(big, 65_536, big.length));
        } finally {
            client.close();
        }
    }
}
