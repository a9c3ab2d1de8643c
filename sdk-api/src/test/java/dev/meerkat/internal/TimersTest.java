package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimersTest {

    /**
     * The HTTP client arms a read timer per request and cancels it when the response ends: cancelled
     * entries must leave the queue long before their due time, or every request leaks one entry (and
     * the connection it holds) for the whole timeout.
     */
    @Test
    void cancelledTimersLeaveTheQueueBeforeTheirDueTime() {
        Timers timers = new Timers();
        for (int i = 0; i < 10_000; i++) {
            timers.schedule(0, Duration.ofHours(1), null, () -> { }).cancel();
        }
        assertThat(timers.size()).as("timers still queued after 10,000 were cancelled").isLessThan(200);
    }

    @Test
    void cancellingSomeTimersKeepsTheOthersFiring() {
        Timers timers = new Timers();
        AtomicInteger fired = new AtomicInteger();
        List<Timer> cancelled = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Timer timer = timers.schedule(0, Duration.ofMillis(i), null, fired::incrementAndGet);
            if (i % 2 == 0) {
                cancelled.add(timer);
            }
        }
        cancelled.forEach(Timer::cancel);
        timers.fireDue(Duration.ofSeconds(1).toNanos());
        assertThat(fired).hasValue(500);
        assertThat(timers.size()).isZero();
    }
}
