package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case D of issue 8 in a child JVM, scaled down: {@code meerkat serve} with a 128 MiB heap takes
 * concurrent uploads to {@code /echo} totalling twice its heap, answers another client meanwhile,
 * echoes every byte, and its resident set stays under {@link #RSS_BOUND}. Before bodies streamed
 * (each one was buffered up to 64 MiB) this ended in OutOfMemoryError on the loop thread.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeMemoryTest {
    private static final String HEAP = "128m";
    /** The pre-touched heap, plus 192 MiB for the JVM's own native memory (code, metaspace, threads, GC). */
    private static final long RSS_BOUND = (128L + 192) << 20;
    private static final int CLIENTS = 16;
    private static final int SIZE = 16 << 20;

    @TempDir
    Path dir;

    @Test
    void uploadsOfTwiceTheHeapToEchoKeepTheServerAnsweringWithinItsMemory() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello");
        ServeChild server = ServeChild.start(dir, List.of("-Xms" + HEAP, "-Xmx" + HEAP, "-XX:+AlwaysPreTouch"),
                "--dir", dir.toString(), "--listen", "http://127.0.0.1:0");
        ExecutorService pool = Executors.newFixedThreadPool(2 * CLIENTS);
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong peakRss = new AtomicLong();
        try {
            int port = server.port();
            Future<?> sampler = pool.submit(() -> sampleRss(server, sampling, peakRss));
            List<Future<Long>> echoes = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                echoes.add(pool.submit(() -> upload(pool, port)));
            }
            assertThat(get(port, "/hello.txt")).startsWith("HTTP/1.1 200 ");
            for (Future<Long> echo : echoes) {
                assertThat(echo.get(100, TimeUnit.SECONDS)).isEqualTo(SIZE);
            }
            assertThat(get(port, "/hello.txt")).startsWith("HTTP/1.1 200 ");
            sampling.set(false);
            sampler.get(10, TimeUnit.SECONDS);
            assertThat(server.isAlive()).as("the server after the uploads").isTrue();
            assertThat(peakRss.get()).as("the server's peak RSS in bytes").isPositive().isLessThan(RSS_BOUND);
        } finally {
            sampling.set(false);
            pool.shutdownNow();
            server.close();
        }
    }

    private static Void sampleRss(ServeChild server, AtomicBoolean sampling, AtomicLong peak) throws Exception {
        for (int i = 0; i < 10_000 && sampling.get(); i++) {
            peak.accumulateAndGet(server.residentBytes(), Math::max);
            Thread.sleep(10);
        }
        return null;
    }

    /** POSTs {@link #SIZE} zero bytes from another thread while this one reads the echo; returns its length. */
    private static long upload(ExecutorService pool, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            Future<?> sent = pool.submit(() -> send(socket));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(ChunkedReply.readHead(in)).startsWith("HTTP/1.1 200 ");
            long length = ChunkedReply.readRest(in);
            sent.get(30, TimeUnit.SECONDS);
            return length;
        }
    }

    private static Void send(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + SIZE + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] piece = new byte[64 * 1024];
        for (int left = SIZE; left > 0; left -= piece.length) {
            out.write(piece, 0, Math.min(left, piece.length));
        }
        out.flush();
        return null;
    }

    private static String get(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
