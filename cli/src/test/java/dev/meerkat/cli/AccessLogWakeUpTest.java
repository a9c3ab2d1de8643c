package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The access log's writer parks when nothing is queued, and a line or a close must wake it. Its idle
 * sleep here is an hour, so that a lost wake-up leaves a line unwritten instead of late. A line
 * queued between the writer's last look at the queue and its park is the one a wrong order of
 * steps loses: {@link #writesALineQueuedBetweenAnyTwoStepsOfTheWriter} puts one there on purpose
 * (without the second look in AccessLog.writeLines it fails at its second look), and the bursts
 * test offers lines at random moments around the park.
 */
class AccessLogWakeUpTest {

    private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final String WRITER = "meerkat-serve-access-log";
    /** A woken writer prints within milliseconds: this only bounds a failing run. */
    private static final long BOUND_SECONDS = 10;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void writesALineQueuedBetweenAnyTwoStepsOfTheWriter() {
        // The writer's looks at the queue after a wake-up: the one that finds the wake-up's line, the
        // one after printing it that finds the queue empty, and the one after raising the idle flag.
        for (int look = 1; look <= 3; look++) {
            InterleavingQueue queue = new InterleavingQueue();
            CountingOutput stdout = new CountingOutput();
            try (AccessLog log = new AccessLog(new PrintStream(stdout, false, StandardCharsets.UTF_8), Clock.systemUTC(),
                    1000, 0, HOUR_NANOS, queue)) {
                log.write("first");
                assertThat(stdout.awaitLines(1)).as("the first line printed").isTrue();
                assertThat(awaitParked(log)).as("the writer parked").isTrue();
                String line = "queued at look " + look;
                queue.offerFromAnotherThreadAt(look, () -> log.write(line));
                log.write("wake-up");
                assertThat(stdout.awaitLines(3))
                        .as("a line queued at the writer's look %d printed within %d s by a writer that parks for an hour",
                                look, BOUND_SECONDS)
                        .isTrue();
                assertThat(stdout.text().lines()).contains(line);
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void writesEveryBurstOfferedAroundThePark() {
        CountingOutput stdout = new CountingOutput();
        try (AccessLog log = new AccessLog(new PrintStream(stdout, false, StandardCharsets.UTF_8), Clock.systemUTC(),
                1000, 0, HOUR_NANOS, new ConcurrentLinkedQueue<>())) {
            int written = 0;
            for (int burst = 0; burst < 2_000; burst++) {
                // From no delay (the writer just past its print) to past its park.
                spin(ThreadLocalRandom.current().nextInt(0, burst % 2 == 0 ? 2_000 : 50_000));
                int lines = 1 + burst % 3;
                for (int i = 0; i < lines; i++) {
                    log.write("burst " + burst + " line " + i);
                }
                written += lines;
                assertThat(stdout.awaitLines(written))
                        .as("burst %d of %d lines printed within %d s by a writer that parks for an hour", burst, lines,
                                BOUND_SECONDS)
                        .isTrue();
            }
            assertThat(stdout.text().lines()).hasSize(written).startsWith("burst 0 line 0");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closeFlushesTheLinesOfferedJustBeforeIt() {
        for (int run = 0; run < 200; run++) {
            CountingOutput stdout = new CountingOutput();
            AccessLog log = parkedLog(stdout);
            List<String> last = IntStream.range(0, 1 + run % 5).mapToObj(i -> "last " + i).toList();
            last.forEach(log::write);
            log.close();
            assertThat(stdout.text().lines()).as("run %d", run)
                    .containsExactlyElementsOf(Stream.concat(Stream.of("first"), last.stream()).toList());
        }
    }

    /** Without a wake-up, each close would wait its whole second for the writer: 100 s in all. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closeWakesAParkedWriter() {
        for (int run = 0; run < 100; run++) {
            CountingOutput stdout = new CountingOutput();
            parkedLog(stdout).close();
            assertThat(stdout.text().lines()).as("run %d", run).containsExactly("first");
        }
    }

    /** A log whose writer has printed one line and is parking, or parked, for an hour. */
    private static AccessLog parkedLog(CountingOutput stdout) {
        AccessLog log = new AccessLog(new PrintStream(stdout, false, StandardCharsets.UTF_8), Clock.systemUTC(), 1000,
                0, HOUR_NANOS, new ConcurrentLinkedQueue<>());
        log.write("first");
        assertThat(stdout.awaitLines(1)).as("the first line printed").isTrue();
        spin(ThreadLocalRandom.current().nextInt(0, 50_000));
        return log;
    }

    /** Waits up to {@link #BOUND_SECONDS} for the writer of {@code log} to park. */
    private static boolean awaitParked(AccessLog log) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (System.nanoTime() < end) {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals(WRITER) && LockSupport.getBlocker(thread) == log) {
                    return true;
                }
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /**
     * The log's queue, which can have another thread offer a line right after the writer's n-th look
     * at it (isEmpty) from now on, the writer waiting until that offer is done.
     */
    private static final class InterleavingQueue extends ConcurrentLinkedQueue<String> {
        private volatile Runnable offer;
        private volatile int look;
        private volatile int offerAt;

        void offerFromAnotherThreadAt(int look, Runnable offer) {
            this.look = 0;
            this.offerAt = look;
            this.offer = offer;
        }

        @Override
        public boolean isEmpty() {
            boolean empty = super.isEmpty();
            Runnable pending = offer;
            if (pending != null && Thread.currentThread().getName().equals(WRITER) && ++look == offerAt) {
                offer = null;
                Thread producer = new Thread(pending, "producer");
                producer.start();
                try {
                    producer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return empty;
        }
    }

    /** A stdout that counts the lines written. */
    private static final class CountingOutput extends OutputStream {
        private final AtomicInteger lines = new AtomicInteger();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        /**
         * Spins until {@code count} lines are written, or {@link #BOUND_SECONDS} pass: spinning, not
         * blocking, so that the caller runs on within microseconds of the writer's print.
         */
        boolean awaitLines(int count) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            while (lines.get() < count) {
                if (System.nanoTime() > end) {
                    return false;
                }
                Thread.onSpinWait();
            }
            return true;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            kept.write(bytes, offset, length);
            int newlines = 0;
            for (int i = offset; i < offset + length; i++) {
                newlines += bytes[i] == '\n' ? 1 : 0;
            }
            lines.addAndGet(newlines);
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
