package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.MemoryBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Buffered request bodies count against the manager's memory budget: 503 without room, 413 over the limit. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpMemoryBudgetTest {
    private static final int BUDGET = 64 * 1024;
    /**
     * One body and the few KiB of read buffers the connections hold fit in the half of the budget
     * held bodies may take (32 KiB); two bodies do not, whatever the buffers.
     */
    private static final int BODY = 20_000;

    private final MemoryBudget budget = MemoryBudget.ofBytes(BUDGET);
    private final LoopThread loop = new LoopThread(budget);

    @AfterEach
    void stop() {
        loop.close();
        assertThat(budget.used()).isZero();
    }

    private int listenBuffered(long bodyLimit) throws Exception {
        HttpServerOptions options = HttpServerOptions.defaults().withBufferedBodies(true).withBodyLimit(bodyLimit);
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0", options, (exchange, event) -> {
            if (event instanceof HttpEvent.Message m) {
                exchange.reply(200, "got " + m.request().body().length);
            }
        }));
        return loop.call(server::port);
    }

    @Test
    void aBufferedBodyTheBudgetHasNoRoomForIsAnswered503UntilTheHeldOneIsDone() throws Exception {
        int port = listenBuffered(HttpServerOptions.DEFAULT_BODY_LIMIT);
        try (RawClient holder = new RawClient(port)) {
            holder.write(post(BODY) + "x".repeat(10));
            awaitAtLeast(budget::used, BODY);
            try (RawClient refused = new RawClient(port)) {
                refused.write(post(BODY));
                assertThat(refused.readToEnd()).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                        .contains("Connection: close").contains("no memory budget left for a body of " + BODY);
            }
            holder.write("x".repeat(BODY - 10));
            assertThat(holder.readUntil("got " + BODY)).startsWith("HTTP/1.1 200 ");
            holder.write(post(BODY));
            awaitAtLeast(budget::used, BODY);
            holder.write("y".repeat(BODY));
            assertThat(holder.readUntil("got " + BODY)).startsWith("HTTP/1.1 200 ");
        }
    }

    /**
     * Body bytes that share a read with their head are still in the receive buffer when the body is
     * counted; they move into the body, so the answer must not depend on how the bytes were split.
     */
    @Test
    void aBodyThatArrivesWithItsHeadIsCountedOnce() throws Exception {
        int port = listenBuffered(HttpServerOptions.DEFAULT_BODY_LIMIT);
        try (RawClient client = new RawClient(port)) {
            client.write(post(BODY) + "y".repeat(BODY));
            assertThat(client.readUntil("got " + BODY)).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void aBodyOverItsOwnLimitIs413EvenWhenTheBudgetIsFull() throws Exception {
        int port = listenBuffered(1000);
        try (RawClient holder = new RawClient(port)) {
            holder.write(post(1000));
            awaitAtLeast(budget::used, 1000);
            try (RawClient tooLarge = new RawClient(port)) {
                tooLarge.write(post(BUDGET));
                assertThat(tooLarge.readToEnd()).startsWith("HTTP/1.1 413 Content Too Large\r\n");
            }
        }
    }

    @Test
    void aRequestWithoutBodyIsServedWhileABufferedBodyHoldsHalfTheBudget() throws Exception {
        int port = listenBuffered(HttpServerOptions.DEFAULT_BODY_LIMIT);
        try (RawClient holder = new RawClient(port); RawClient other = new RawClient(port)) {
            holder.write(post(16_000));
            awaitAtLeast(budget::used, 16_000);
            other.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(other.readUntil("got 0")).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void aReplyWaitingForASlowClientCountsUntilTheConnectionTakesIt() throws Exception {
        int size = 8 << 20;
        HttpServerOptions options = HttpServerOptions.defaults()
                .withConnection(dev.meerkat.Options.defaults().withSendLimit(16 * 1024));
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0", options, (exchange, event) -> {
            if (event instanceof HttpEvent.End) {
                exchange.reply(200, Headers.empty(), new byte[size]);
            }
        }));
        int port = loop.call(server::port);
        try (Socket socket = new Socket()) {
            // A small window keeps the reply in the server rather than in the kernel's buffers.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            awaitAtLeast(budget::used, size / 2);
            byte[] response = socket.getInputStream().readAllBytes();
            assertThat(response.length).isGreaterThan(size);
        }
    }

    /**
     * Case D of issue 8, scaled down: many concurrent large uploads to a streaming echo whose clients
     * do not read the echo yet. Without a budget each connection would buffer up to its receive and
     * send limits (16 x 1.25 MiB here); with 1 MiB the connections holding bytes stop reading, another
     * client is still answered, and once the clients read, every echo completes. The budget's peak
     * stays under {@link #peakBound}.
     */
    @Test
    void manyLargeUploadsToAStreamingEchoStayWithinTheBudgetAndOthersAreServed() throws Exception {
        int clients = 16;
        int size = 4 << 20;
        MemoryBudget small = MemoryBudget.ofBytes(1 << 20);
        CountDownLatch read = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2 * clients);
        try (LoopThread echoLoop = new LoopThread(small)) {
            HttpServer server = echoLoop.call(() -> HttpServer.listen(echoLoop.manager, "http://127.0.0.1:0",
                    HttpServerOptions.defaults(), HttpMemoryBudgetTest::echo));
            int port = echoLoop.call(server::port);
            List<Future<Long>> echoes = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                echoes.add(pool.submit(() -> upload(pool, port, size, read)));
            }
            awaitAtLeast(small::used, small.limit());
            try (RawClient other = new RawClient(port)) {
                other.write("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(other.readUntil("hello")).startsWith("HTTP/1.1 200 ");
            }
            read.countDown();
            for (Future<Long> echo : echoes) {
                assertThat(echo.get(50, TimeUnit.SECONDS)).isEqualTo(size);
            }
            assertThat(small.peak()).isLessThanOrEqualTo(peakBound(small, clients + 1));
        } finally {
            pool.shutdownNow();
        }
        assertThat(small.used()).isZero();
    }

    /** Echoes each body as it arrives, reading no faster than the client takes the echo; answers anything else "hello". */
    private static void echo(HttpExchange exchange, HttpEvent event) {
        if (event instanceof HttpEvent.Body body) {
            if (!exchange.replyStarted()) {
                exchange.startChunked(200, Headers.of("Content-Type", "application/octet-stream"));
            }
            exchange.sendChunk(body.chunk().data());
            exchange.pauseReadingUntilWritable();
        } else if (event instanceof HttpEvent.End) {
            if (exchange.replyStarted()) {
                exchange.endChunked();
            } else {
                exchange.reply(200, "hello");
            }
        }
    }

    /**
     * The budget is soft by one read per connection, and a queue growing by doubling may hold twice
     * what it counts: twice the limit plus 32 KiB per connection.
     */
    private static long peakBound(MemoryBudget budget, int connections) {
        return 2 * budget.limit() + connections * 32L * 1024;
    }

    /**
     * POSTs {@code size} zero bytes from another thread while this one reads the chunked echo, once
     * {@code read} opens; returns the echo's length.
     */
    private static long upload(ExecutorService pool, int port, int size, CountDownLatch read) throws Exception {
        try (Socket socket = new Socket()) {
            // A small window keeps the echo in the server rather than in the kernel's buffers.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            Future<?> sent = pool.submit(() -> send(socket, post(size), size));
            assertThat(read.await(20, TimeUnit.SECONDS)).as("the test let the clients read").isTrue();
            long length = readEcho(socket.getInputStream());
            sent.get(20, TimeUnit.SECONDS);
            return length;
        }
    }

    private static Void send(Socket socket, String head, int size) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        byte[] piece = new byte[64 * 1024];
        for (int left = size; left > 0; left -= piece.length) {
            out.write(piece, 0, Math.min(left, piece.length));
        }
        out.flush();
        return null;
    }

    /** Reads the echo through the library's response parser; returns its body's length. */
    private static long readEcho(InputStream in) throws IOException, HttpParseException {
        HttpParser parser = HttpParser.responses(HttpLimits.defaults());
        parser.expectResponseTo("POST");
        ByteBuffer input = ByteBuffer.allocate(64 * 1024).flip();
        long length = 0;
        for (HttpPart part = parser.next(input); !(part instanceof MessageEnd); part = parser.next(input)) {
            if (part == null) {
                fill(in, input.compact());
                input.flip();
            } else if (part instanceof HttpResponseHead head) {
                assertThat(head.status()).isEqualTo(200);
                assertThat(head.keepAlive()).as("the echo keeps the connection").isTrue();
            } else if (part instanceof BodyChunk chunk) {
                length += chunk.data().remaining();
            }
        }
        return length;
    }

    private static void fill(InputStream in, ByteBuffer target) throws IOException {
        int count = in.read(target.array(), target.position(), target.remaining());
        if (count < 0) {
            throw new IOException("expected the rest of the echo but the server closed");
        }
        target.position(target.position() + count);
    }

    private static String post(int length) {
        return "POST /up HTTP/1.1\r\nHost: t\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /** Waits, bounded, until the server counted {@code bytes}: the request head was read and its body counted. */
    private static void awaitAtLeast(LongSupplier counter, long bytes) throws InterruptedException {
        for (int i = 0; i < 1000 && counter.getAsLong() < bytes; i++) {
            Thread.sleep(5);
        }
        assertThat(counter.getAsLong()).as("bytes counted in the budget").isGreaterThanOrEqualTo(bytes);
    }
}
