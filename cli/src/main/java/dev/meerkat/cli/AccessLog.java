package dev.meerkat.cli;

import dev.meerkat.http.HttpExchange;
import dev.meerkat.http.HttpRequestHead;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One line per answered request in the Common Log Format of httpd and nginx:
 * {@code 127.0.0.1 - - [02/Dec/2026:16:10:00 +0000] "GET /a.txt HTTP/1.1" 200 1234}, the size
 * being the body bytes sent ({@code -} for none), the time UTC.
 *
 * <p>The loop thread only formats a line and queues it; a writer thread prints it. A stdout nobody
 * reads (a full pipe) blocks that thread, never the server: while the queue is full, lines are
 * dropped and counted, and the count is printed once stdout takes lines again.
 *
 * <p>The queue takes no lock: with a lock, a loop thread parked whenever the writer or another loop
 * held it, for milliseconds when the holder was preempted (JFR, docs/server-benchmarks.md, run H).
 *
 * <p>Per request the loop pays one queue offer, no more: the time is formatted once a second, and
 * the writer, once woken by a line, waits {@link #BATCH_MILLIS} for more and prints them all with
 * one flush, so neither its wake-up nor its write syscall comes once per request (each cost as much
 * as the rest of a static file answer, on the same core, in benchmarks/serve-profile.sh).
 */
final class AccessLog implements AutoCloseable {

    /** Lines queued at most: about 1 MiB of typical lines. */
    static final int DEFAULT_CAPACITY = 10_000;
    private static final long CLOSE_WAIT_MILLIS = 1000;
    /** How long the writer lets lines gather after the first: a line is printed at most this late. */
    static final long BATCH_MILLIS = 20;
    /** How long the writer sleeps with nothing queued, at most: only a safety net, as a line or close wakes it. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Clock clock;
    private final int capacity;
    private final long batchMillis;
    private final long idleNanos;
    private final Queue<String> lines;
    /** Lines in {@link #lines}, which cannot bound itself. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    /** Set while the writer sleeps with nothing queued: the next line wakes it. */
    private volatile boolean idle;
    /** The last second formatted and the last client address printed, shared by every loop thread. */
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");
    private volatile Host host = new Host(null, "-");
    private final Thread writer;
    private volatile boolean closing;

    AccessLog(PrintStream out, Clock clock) {
        this(out, clock, DEFAULT_CAPACITY);
    }

    AccessLog(PrintStream out, Clock clock, int capacity) {
        this(out, clock, capacity, BATCH_MILLIS, IDLE_NANOS, new ConcurrentLinkedQueue<>());
    }

    /**
     * With the writer's batch wait, its idle sleep and the queue given, so that a test can tell a
     * wake-up from the end of a sleep and put a line between two of the writer's steps.
     */
    AccessLog(PrintStream out, Clock clock, int capacity, long batchMillis, long idleNanos, Queue<String> lines) {
        this.out = out;
        this.lines = lines;
        this.clock = clock;
        this.capacity = capacity;
        this.batchMillis = batchMillis;
        this.idleNanos = idleNanos;
        this.writer = new Thread(this::writeLines, "meerkat-serve-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void record(HttpExchange exchange) {
        write(line(exchange));
    }

    /** Queues {@code line} for stdout, or drops and counts it when the queue is full. */
    void write(String line) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        lines.offer(line);
        if (idle) {
            idle = false;
            LockSupport.unpark(writer);
        }
    }

    /** Lines dropped so far because stdout did not take them. */
    long dropped() {
        return dropped.get();
    }

    String line(HttpExchange exchange) {
        HttpRequestHead request = exchange.request();
        InetSocketAddress remote = exchange.connection().remoteAddress();
        return host(remote == null ? null : remote.getAddress()) + " - - [" + time() + "] \"" + request.method() + " "
                + request.target() + " " + request.version().text() + "\" " + exchange.status() + " "
                + (exchange.bodyBytes() == 0 ? "-" : Long.toString(exchange.bodyBytes()));
    }

    /** The time of a line; the same text for every line of one second. */
    String time() {
        long second = Math.floorDiv(clock.millis(), 1000);
        Stamp last = stamp;
        if (last.second() != second) {
            last = new Stamp(second, TIME.format(Instant.ofEpochSecond(second)));
            stamp = last;
        }
        return last.text();
    }

    /** The client's address as text; the last one is kept, as one client usually sends many requests. */
    String host(InetAddress address) {
        Host last = host;
        if (!Objects.equals(last.address(), address)) {
            last = new Host(address, address == null ? "-" : address.getHostAddress());
            host = last;
        }
        return last.text();
    }

    private void writeLines() {
        long reported = 0;
        List<String> batch = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try {
            while (!closing || !lines.isEmpty()) {
                if (lines.isEmpty()) {
                    idle = true;
                    // Looked at again after the flag: a line queued before it was set finds no one to wake.
                    if (lines.isEmpty() && !closing) {
                        LockSupport.parkNanos(this, idleNanos);
                    }
                    idle = false;
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                } else {
                    if (!closing) {
                        Thread.sleep(batchMillis);
                    }
                    // At most what the queue holds at once, so that lines arriving meanwhile wait for the next batch.
                    String line;
                    while (batch.size() < capacity && (line = lines.poll()) != null) {
                        batch.add(line);
                    }
                    queued.addAndGet(-batch.size());
                    print(batch, text);
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

    /** Prints {@code batch} with one flush and empties it. */
    private void print(List<String> batch, StringBuilder text) {
        text.setLength(0);
        for (String line : batch) {
            text.append(line).append(System.lineSeparator());
        }
        batch.clear();
        out.print(text);
        out.flush();
    }

    /** Writes what is queued, waiting up to a second for a stdout that does not take it. */
    @Override
    public void close() {
        closing = true;
        // A writer asleep with nothing queued would otherwise see the flag only when its sleep ends.
        LockSupport.unpark(writer);
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }

    private record Stamp(long second, String text) {}

    private record Host(InetAddress address, String text) {}
}
