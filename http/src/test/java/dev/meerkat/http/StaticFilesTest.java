package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StaticFilesTest {

    @TempDir
    Path dir;

    private LoopThread loop;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello, file");
        Files.writeString(root.resolve("index.html"), "<p>index</p>");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/data.json"), "{\"a\":1}");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("link.txt"), dir.resolve("secret.txt"));
        loop = new LoopThread();
        StaticFiles files = new StaticFiles(root);
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults(), files.handler()));
        port = loop.call(server::port);
    }

    @AfterEach
    void stop() throws Exception {
        loop.close();
    }

    private String get(String target, String... headerLines) throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.write("GET " + target + " HTTP/1.1\r\nHost: t\r\n" + String.join("", headerLines) + "Connection: close\r\n\r\n");
            return client.readToEnd();
        }
    }

    @Test
    void servesFileWithTypeLengthAndValidators() throws Exception {
        String response = get("/hello.txt");

        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/plain; charset=utf-8\r\n")
                .contains("Content-Length: 11\r\n").contains("ETag: \"").contains("Last-Modified: ")
                .endsWith("\r\n\r\nhello, file");
        assertThat(get("/sub/data.json")).contains("Content-Type: application/json\r\n").endsWith("{\"a\":1}");
    }

    /**
     * A hard link is the same file under another name: no path check can tell one that leads out of
     * the root, so a file with more than one link is refused unless the server allows hard links.
     */
    @Test
    void refusesAFileWithMoreThanOneHardLinkUnlessAllowed() throws Exception {
        Files.createLink(dir.resolve("root/hard.txt"), dir.resolve("secret.txt"));
        assertThat(get("/hard.txt")).startsWith("HTTP/1.1 404 ").doesNotContain("secret");
        assertThat(get("/hello.txt")).endsWith("hello, file");

        StaticFiles allowing = new StaticFiles(dir.resolve("root")).withHardLinks();
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults(), allowing.handler()));
        port = loop.call(server::port);
        assertThat(get("/hard.txt")).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nsecret");
    }

    @Test
    void servesIndexForTheDirectory() throws Exception {
        assertThat(get("/")).contains("text/html").endsWith("<p>index</p>");
    }

    @Test
    void answers304ForMatchingEtagOrDate() throws Exception {
        String first = get("/hello.txt");
        String etag = header(first, "ETag");
        String date = header(first, "Last-Modified");

        assertThat(get("/hello.txt", "If-None-Match: " + etag + "\r\n")).startsWith("HTTP/1.1 304 Not Modified\r\n")
                .doesNotContain("Content-Length").endsWith("\r\n\r\n");
        assertThat(get("/hello.txt", "If-None-Match: \"other\", W/" + etag + "\r\n")).startsWith("HTTP/1.1 304 ");
        assertThat(get("/hello.txt", "If-Modified-Since: " + date + "\r\n")).startsWith("HTTP/1.1 304 ");
        assertThat(get("/hello.txt", "If-None-Match: \"other\"\r\n")).startsWith("HTTP/1.1 200 ");
        assertThat(get("/hello.txt", "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT\r\n")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void servesByteRangesAndRefusesUnsatisfiableOnes() throws Exception {
        assertThat(get("/hello.txt", "Range: bytes=0-4\r\n")).startsWith("HTTP/1.1 206 Partial Content\r\n")
                .contains("Content-Range: bytes 0-4/11\r\n").contains("Content-Length: 5\r\n").endsWith("\r\n\r\nhello");
        assertThat(get("/hello.txt", "Range: bytes=7-\r\n")).endsWith("\r\n\r\nfile");
        assertThat(get("/hello.txt", "Range: bytes=-4\r\n")).contains("Content-Range: bytes 7-10/11").endsWith("file");
        assertThat(get("/hello.txt", "Range: bytes=20-30\r\n")).startsWith("HTTP/1.1 416 Range Not Satisfiable\r\n")
                .contains("Content-Range: bytes */11\r\n");
        assertThat(get("/hello.txt", "Range: bytes=0-1,3-4\r\n")).startsWith("HTTP/1.1 200 ");
        assertThat(get("/hello.txt", "Range: bytes=0-4\r\nIf-Range: \"stale\"\r\n")).startsWith("HTTP/1.1 200 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
            "/sub/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/sub%2f..%2f..%2fsecret.txt", "/..%5csecret.txt",
            "/link.txt", "/missing.txt", "/hello.txt%00", "/%zz", "/sub"})
    void refusesEverythingOutsideTheRoot(String target) throws Exception {
        String response = get(target);

        assertThat(response).startsWith("HTTP/1.1 404 Not Found\r\n").doesNotContain("secret");
    }

    @Test
    void answersHeadWithoutBodyAndRefusesOtherMethods() throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.write("HEAD /hello.txt HTTP/1.1\r\nHost: t\r\n\r\nDELETE /hello.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            String all = client.readToEnd();

            assertThat(all).contains("Content-Length: 11\r\n").doesNotContain("hello, file")
                    .contains("HTTP/1.1 405 Method Not Allowed\r\n").contains("Allow: GET, HEAD\r\n");
        }
    }

    @Test
    void streamsFilesLargerThanTheSendLimit() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(big);
        Files.write(dir.resolve("root/big.bin"), big);

        String response = get("/big.bin");

        assertThat(response).contains("Content-Type: application/octet-stream\r\n")
                .contains("Content-Length: " + big.length + "\r\n");
        byte[] body = response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(body).isEqualTo(big);
    }

    @Test
    void servesARangeWithValidatorsAndClosesWhenTheHandlerSaysSo() throws Exception {
        StaticFiles files = new StaticFiles(dir.resolve("root"));
        HttpServer closing = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
                    if (event instanceof HttpEvent.Message) {
                        exchange.closeAfterReply();
                        files.serve(exchange);
                    }
                }));
        try (RawClient client = new RawClient(loop.call(closing::port))) {
            client.write("GET /hello.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=7-\r\n\r\n");

            assertThat(client.readToEnd()).startsWith("HTTP/1.1 206 Partial Content\r\n").contains("ETag: \"")
                    .contains("Connection: close\r\n").endsWith("\r\n\r\nfile");
        }
    }

    /** Old enough for the cache to trust its modification time. */
    private static void settle(Path file, long hoursAgo) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(hoursAgo))));
    }

    @Test
    void servesTheNewContentOnceACachedFileChanges() throws Exception {
        Path hello = dir.resolve("root/hello.txt");
        settle(hello, 2);
        assertThat(get("/hello.txt")).endsWith("hello, file");
        Files.writeString(hello, "HELLO, FILE");
        settle(hello, 1);
        assertThat(get("/hello.txt")).endsWith("HELLO, FILE");
        Files.writeString(hello, "grown, file and more");
        assertThat(get("/hello.txt")).contains("Content-Length: 20\r\n").endsWith("grown, file and more");
    }

    @Test
    void refusesACachedPathOnceALinkLeadsItOut() throws Exception {
        Path hello = dir.resolve("root/hello.txt");
        settle(hello, 2);
        settle(dir.resolve("secret.txt"), 2);
        assertThat(get("/hello.txt")).startsWith("HTTP/1.1 200 ");
        Files.delete(hello);
        Files.createSymbolicLink(hello, dir.resolve("secret.txt"));
        assertThat(get("/hello.txt")).startsWith("HTTP/1.1 404 ").doesNotContain("secret");
    }

    @Test
    void answers404OnceACachedFileIsGone() throws Exception {
        settle(dir.resolve("root/index.html"), 2);
        assertThat(get("/")).endsWith("<p>index</p>");
        Files.delete(dir.resolve("root/index.html"));
        assertThat(get("/")).startsWith("HTTP/1.1 404 ");
    }

    /**
     * The cached file keeps its coded and plain answers (headers and bodies) ready-made and shares
     * them between requests: one connection asking for each in turn gets each whole, and a change
     * of the file reaches the coded body too.
     */
    @Test
    void keepsTheCodedAndThePlainAnswersApartAndCodesAChangedFileAgain() throws Exception {
        Path page = dir.resolve("root/page.html");
        String first = "<p>" + "first text ".repeat(40) + "</p>";
        Files.writeString(page, first);
        settle(page, 2);
        StaticFiles files = new StaticFiles(dir.resolve("root"), true);
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults(), files.handler()));
        int gzipPort = loop.call(server::port);
        try (RawClient client = new RawClient(gzipPort)) {
            for (int round = 0; round < 2; round++) {
                String coded = keepAliveGet(client, "/page.html", "Accept-Encoding: gzip\r\n");
                assertThat(coded).contains("Content-Encoding: gzip\r\n", "Vary: Accept-Encoding\r\n")
                        .containsPattern("ETag: \"[0-9a-f]+-[0-9a-f]+-gzip\"\r\n");
                assertThat(gunzip(bodyOf(coded))).isEqualTo(first);
                String plain = keepAliveGet(client, "/page.html", "");
                assertThat(plain).contains("Vary: Accept-Encoding\r\n").doesNotContain("Content-Encoding", "-gzip")
                        .endsWith("\r\n\r\n" + first);
            }
        }
        String second = "<p>" + "second, longer text ".repeat(40) + "</p>";
        Files.writeString(page, second);
        settle(page, 1);
        try (RawClient client = new RawClient(gzipPort)) {
            assertThat(gunzip(bodyOf(keepAliveGet(client, "/page.html", "Accept-Encoding: gzip\r\n")))).isEqualTo(second);
            assertThat(keepAliveGet(client, "/page.html", "")).endsWith("\r\n\r\n" + second);
        }
    }

    /**
     * A cached file's response is its prepared head, the Date and Connection fields and its body,
     * written into one staging buffer per loop thread (Outbox.addResponse): a long answer, then a
     * short one, on two connections in turn, HTTP/1.0 among them, each exactly its own.
     */
    @Test
    void eachPreparedAnswerIsExactlyItsOwnOnEveryConnection() throws Exception {
        String big = "b".repeat(5000);
        Files.writeString(dir.resolve("root/big.txt"), big);
        settle(dir.resolve("root/big.txt"), 1);
        settle(dir.resolve("root/hello.txt"), 1);
        try (RawClient one = new RawClient(port); RawClient two = new RawClient(port)) {
            for (int round = 0; round < 2; round++) {
                assertExactly(keepAliveGet(one, "/big.txt", ""), null, 5000, big);
                assertExactly(keepAliveGet(two, "/hello.txt", ""), null, 11, "hello, file");
                assertExactly(request(two, "GET /big.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
                        "keep-alive", 5000, big);
                assertExactly(keepAliveGet(one, "/hello.txt", ""), null, 11, "hello, file");
                assertExactly(request(one, "HEAD /big.txt HTTP/1.1\r\nHost: t\r\n\r\n"), null, 5000, "");
            }
            two.write("GET /hello.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            assertExactly(two.readToEnd(), "close", 11, "hello, file");
        }
    }

    /** A 200 with one Date, {@code connection} as its only Connection field (or none), {@code length} and {@code body}. */
    private static void assertExactly(String response, String connection, int length, String body) {
        String head = response.substring(0, response.indexOf("\r\n\r\n") + 4);
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/plain; charset=utf-8\r\n")
                .doesNotContain("\r\n\r\n\r\n");
        assertThat(Pattern.compile("\r\nDate: [^\r\n]+ GMT\r\n").matcher(head).results().count()).isEqualTo(1);
        assertThat(Pattern.compile("\r\nConnection: ").matcher(head).results().count()).isEqualTo(connection == null ? 0 : 1);
        if (connection != null) {
            assertThat(header(head, "Connection")).isEqualTo(connection);
        }
        assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(length));
        assertThat(response.substring(head.length())).isEqualTo(body);
    }

    /** One response on a connection that stays open: the head, then Content-Length bytes of body. */
    private static String keepAliveGet(RawClient client, String target, String headerLines) throws Exception {
        return request(client, "GET " + target + " HTTP/1.1\r\nHost: t\r\n" + headerLines + "\r\n");
    }

    /** Writes {@code request}; reads the head and, unless it answers HEAD, Content-Length bytes of body. */
    private static String request(RawClient client, String request) throws Exception {
        client.write(request);
        String head = client.readUntil("\r\n\r\n");
        if (request.startsWith("HEAD ")) {
            return head;
        }
        byte[] body = client.input().readNBytes(Integer.parseInt(header(head, "Content-Length")));
        return head + new String(body, StandardCharsets.ISO_8859_1);
    }

    private static String bodyOf(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static String gunzip(String coded) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(coded.getBytes(StandardCharsets.ISO_8859_1)))) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String header(String response, String name) {
        Matcher m = Pattern.compile(name + ": (.*)\r\n").matcher(response);
        assertThat(m.find()).as("header " + name).isTrue();
        return m.group(1);
    }
}
