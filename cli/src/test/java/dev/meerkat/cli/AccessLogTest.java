package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The access log's queue: bounded, never blocking the caller, counting what it dropped. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AccessLogTest {

    @Test
    void dropsAndCountsLinesWhenStdoutIsNotRead() {
        StalledOutput stdout = new StalledOutput();
        stdout.stall();
        try (stdout; AccessLog log = new AccessLog(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), 4)) {
            for (int i = 0; i < 100; i++) {
                log.write("line " + i);
            }
            // At most the 4 queued lines and the one the writer blocks in were kept.
            assertThat(log.dropped()).isBetween(95L, 96L);
        }
    }

    @Test
    void reportsTheDroppedLinesOnceStdoutIsReadAgain() {
        StalledOutput stdout = new StalledOutput();
        stdout.stall();
        try (AccessLog log = new AccessLog(new PrintStream(stdout, true, StandardCharsets.UTF_8), Clock.systemUTC(), 4)) {
            for (int i = 0; i < 100; i++) {
                log.write("line " + i);
            }
            stdout.close();
        }
        assertThat(stdout.kept()).containsPattern("meerkat serve: 9[56] access log lines dropped")
                .contains("line 0");
    }

    @Test
    void writesEveryLineInOrder() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (AccessLog log = new AccessLog(new PrintStream(stdout, true, StandardCharsets.UTF_8), Clock.systemUTC(), 1000)) {
            for (int i = 0; i < 100; i++) {
                log.write("line " + i);
            }
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8).lines())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj(i -> "line " + i).toList());
    }

    /** The time and the address are kept from line to line: they must change when the second or the client does. */
    @Test
    void formatsTheTimeOfEachSecondAndTheAddressOfEachClient() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T16:10:00.100Z"));
        try (AccessLog log = new AccessLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                clock, 4)) {
            assertThat(log.time()).isEqualTo("02/Dec/2026:16:10:00 +0000");
            clock.now = Instant.parse("2026-12-02T16:10:00.900Z");
            assertThat(log.time()).isEqualTo("02/Dec/2026:16:10:00 +0000");
            clock.now = Instant.parse("2026-12-02T16:10:01.000Z");
            assertThat(log.time()).isEqualTo("02/Dec/2026:16:10:01 +0000");
            assertThat(log.host(InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1");
            assertThat(log.host(InetAddress.getByName("::1"))).isEqualTo("0:0:0:0:0:0:0:1");
            assertThat(log.host(null)).isEqualTo("-");
            assertThat(log.host(InetAddress.getByName("127.0.0.2"))).isEqualTo("127.0.0.2");
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
