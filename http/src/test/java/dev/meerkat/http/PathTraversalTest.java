package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.MemoryBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Escapes from the served directory ({@link StaticFiles}, what {@code meerkat serve} runs): dot
 * segments in every encoding, symbolic links that lead out directly, through a directory, in a
 * chain, as index.html, or nowhere, and hard links to files outside. Every one is 404 without a byte of the secret; links that stay
 * inside are served, so the refusals are not a blanket ban on links.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PathTraversalTest {

    private static final String SECRET = "top secret outside the root";

    @TempDir
    static Path dir;

    private static final MemoryBudget BUDGET = MemoryBudget.ofBytes(16L * 1024 * 1024);
    private static LoopThread loop;
    private static int port;
    private static Baseline baseline;

    @BeforeAll
    static void serve() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(outside.resolve("index.html"), SECRET);
        Files.writeString(root.resolve("hello.txt"), "hello");
        Files.createDirectories(root.resolve("sub"));
        Files.createDirectories(root.resolve("rootlike"));
        Files.createSymbolicLink(root.resolve("file-out"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("relative-out"), Path.of("../secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-out"), outside);
        Files.createSymbolicLink(root.resolve("sub/up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("chain"), root.resolve("file-out"));
        Files.createSymbolicLink(root.resolve("rootlike/index.html"), outside.resolve("index.html"));
        Files.createSymbolicLink(root.resolve("dangling"), dir.resolve("missing"));
        Files.createSymbolicLink(root.resolve("root-itself"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("hello.txt"));
        Files.createLink(root.resolve("hard-out"), dir.resolve("secret.txt"));
        Files.createLink(root.resolve("sub/hard-index.html"), outside.resolve("index.html"));
        loop = new LoopThread(BUDGET);
        StaticFiles files = new StaticFiles(root);
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults(), files.handler()));
        port = loop.call(server::port);
        get("/hello.txt");
        baseline = Baseline.of(BUDGET);
    }

    /** Removes the links first: JUnit warns about each link out of its temporary directory when it cleans up. */
    @AfterAll
    static void stop() throws Exception {
        loop.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path link : files.filter(Files::isSymbolicLink).toList()) {
                Files.delete(link);
            }
        }
    }

    private static String get(String target) throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.write("GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            return client.readToEnd();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/../secret.txt", "/../../../../../../etc/passwd", "/sub/../../secret.txt",
            "/./../secret.txt", "/%2e%2e/secret.txt", "/%2E%2e/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
            "/..%2fsecret.txt", "/..%2Fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt", "/%252e%252e/secret.txt",
            "/%c0%ae%c0%ae/secret.txt", "/..;/secret.txt", "/hello.txt%00.html", "/%00", "/%", "/%2", "//../secret.txt",
            "/file-out", "/relative-out", "/dir-out/secret.txt", "/dir-out/", "/sub/up/../secret.txt",
            "/sub/up/sub/up/../secret.txt", "/chain", "/rootlike/", "/rootlike", "/dangling",
            "/root-itself/etc/passwd", "/root-itself" + "/tmp", "/hard-out", "/sub/hard-index.html", "*", "http://t/../secret.txt"})
    void refusesEveryWayOut(String target) throws Exception {
        assertThat(get(target)).as(target).matches("(?s)HTTP/1\\.1 (400|404) .*").doesNotContain(SECRET)
                .doesNotContain("root:");
        assertThat(get("/hello.txt")).as("a well-behaved client after " + target).endsWith("hello");
        baseline.assertRestored();
    }

    @Test
    void servesLinksThatStayInside() throws Exception {
        assertThat(get("/inside")).startsWith("HTTP/1.1 200 OK\r\n").endsWith("hello");
        assertThat(get("/sub/up/hello.txt")).startsWith("HTTP/1.1 200 OK\r\n").endsWith("hello");
    }
}
