package dev.meerkat.benchmarks.server;

import dev.meerkat.Manager;
import dev.meerkat.http.HttpHandler;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import dev.meerkat.http.StaticFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One keep-alive GET of a 1 KiB index.html from {@link StaticFiles}, what {@code meerkat serve}
 * answers, over 127.0.0.1: a blocking client writes the request and reads the whole response while
 * the server's loop runs on its own thread. Run with {@code -prof gc}: JMH's allocation per operation
 * sums every thread, so it counts the server's allocation per request (and the client's few bytes).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StaticFileRequestBenchmark {

    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: jmh\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    private Path dir;
    private Manager manager;
    private SocketChannel client;
    private final ByteBuffer request = ByteBuffer.wrap(REQUEST);
    private ByteBuffer response;

    @Setup
    public void start() throws Exception {
        dir = Files.createTempDirectory("meerkat-static-bench");
        Path index = Files.write(dir.resolve("index.html"), "a".repeat(1024).getBytes(StandardCharsets.US_ASCII));
        // An old file, as a served site's are: the file cache trusts only settled modification times.
        Files.setLastModifiedTime(index, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        manager = new Manager().start();
        HttpHandler handler = handler(dir);
        HttpServer server = manager.submit(() -> HttpServer.listen(manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults(), handler)).get(10, TimeUnit.SECONDS);
        int port = manager.submit(server::port).get(10, TimeUnit.SECONDS);
        client = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        response = ByteBuffer.allocate(responseLength());
    }

    /** What answers GET /: the static files of {@code dir}. */
    protected HttpHandler handler(Path dir) throws IOException {
        return new StaticFiles(dir).handler();
    }

    /** The Date header has a fixed width, so every response is as long as the first. */
    private int responseLength() throws IOException {
        send();
        ByteBuffer first = ByteBuffer.allocate(8192);
        String text = "";
        while (!text.contains("\r\n\r\n") || first.position() < text.indexOf("\r\n\r\n") + 4 + 1024) {
            if (client.read(first) < 0) {
                throw new IOException("expected a response to GET / but the server closed after: " + text);
            }
            text = new String(first.array(), 0, first.position(), StandardCharsets.ISO_8859_1);
        }
        return first.position();
    }

    private void send() throws IOException {
        request.clear();
        while (request.hasRemaining()) {
            client.write(request);
        }
    }

    @Benchmark
    public int keepAliveRequest() throws IOException {
        send();
        response.clear();
        while (response.hasRemaining()) {
            if (client.read(response) < 0) {
                throw new IOException("expected " + response.capacity() + " response bytes but the server closed after "
                        + response.position());
            }
        }
        return response.get(9);
    }

    @TearDown
    public void stop() throws IOException {
        client.close();
        manager.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
