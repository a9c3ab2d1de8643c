package dev.meerkat.cli;

import dev.meerkat.http.HttpExchange;
import dev.meerkat.http.HttpRequestHead;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line per answered request in the Common Log Format of httpd and nginx:
 * {@code 127.0.0.1 - - [02/Dec/2026:16:10:00 +0000] "GET /a.txt HTTP/1.1" 200 1234}, the size
 * being the body bytes sent ({@code -} for none), the time UTC.
 *
 * <p>The loop thread only formats a line and queues it; a writer thread prints it. A stdout nobody
 * reads (a full pipe) blocks that thread, never the server: while the queue is full, lines are
 * dropped and counted, and the count is printed once stdout takes lines again.
 */
final class AccessLog implements AutoCloseable {

    /** Lines queued at most: about 1 MiB of typical lines. */
    static final int DEFAULT_CAPACITY = 10_000;
    private static final long CLOSE_WAIT_MILLIS = 1000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Clock clock;
    private final BlockingQueue<String> lines;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    AccessLog(PrintStream out, Clock clock) {
        this(out, clock, DEFAULT_CAPACITY);
    }

    AccessLog(PrintStream out, Clock clock, int capacity) {
        this.out = out;
        this.clock = clock;
        this.lines = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::writeLines, "meerkat-serve-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void record(HttpExchange exchange) {
        write(line(exchange));
    }

    /** Queues {@code line} for stdout, or drops and counts it when the queue is full. */
    void write(String line) {
        if (!lines.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped so far because stdout did not take them. */
    long dropped() {
        return dropped.get();
    }

    String line(HttpExchange exchange) {
        HttpRequestHead request = exchange.request();
        InetSocketAddress remote = exchange.connection().remoteAddress();
        String host = remote == null ? "-" : remote.getAddress().getHostAddress();
        return host + " - - [" + TIME.format(clock.instant()) + "] \"" + request.method() + " " + request.target() + " "
                + request.version().text() + "\" " + exchange.status() + " "
                + (exchange.bodyBytes() == 0 ? "-" : Long.toString(exchange.bodyBytes()));
    }

    private void writeLines() {
        long reported = 0;
        try {
            while (!closing || !lines.isEmpty()) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    out.println(line);
                    out.flush();
                }
                long now = dropped.get();
                if (now > reported) {
                    out.println("meerkat serve: " + (now - reported) + " access log lines dropped: stdout was not read");
                    out.flush();
                    reported = now;
                }
            }
        } catch (InterruptedException e) {
            // Closed while stdout still blocks: what is queued is lost with the process.
        }
    }

    /** Writes what is queued, waiting up to a second for a stdout that does not take it. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }
}
