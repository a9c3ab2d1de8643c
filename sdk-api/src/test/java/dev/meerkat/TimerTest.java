package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerTest {
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void oneShotTimerFiresOnce() {
        AtomicInteger fired = new AtomicInteger();
        manager.schedule(Duration.ofMillis(20), null, fired::incrementAndGet);
        pollUntil(manager, () -> fired.get() == 1, "the timer");
        for (int i = 0; i < 10; i++) {
            manager.poll(10);
        }
        assertThat(fired).hasValue(1);
    }

    @Test
    void repeatingTimerFiresUntilCancelled() {
        AtomicInteger fired = new AtomicInteger();
        Timer timer = manager.schedule(Duration.ZERO, Duration.ofMillis(5), fired::incrementAndGet);
        pollUntil(manager, () -> fired.get() >= 3, "three firings");
        timer.cancel();
        int afterCancel = fired.get();
        for (int i = 0; i < 10; i++) {
            manager.poll(10);
        }
        assertThat(fired).hasValue(afterCancel);
    }

    @Test
    void cancelledTimerNeverFires() {
        AtomicInteger fired = new AtomicInteger();
        manager.schedule(Duration.ofMillis(10), null, fired::incrementAndGet).cancel();
        for (int i = 0; i < 5; i++) {
            manager.poll(10);
        }
        assertThat(fired).hasValue(0);
    }

    @Test
    void connectionTimerFiresItsTagAndDiesWithTheConnection() {
        Connection listener = manager.listen("tcp://127.0.0.1:0", (c, e) -> { });
        EventLog log = new EventLog();
        Connection conn = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(), log);
        conn.timer(Duration.ofMillis(5), Duration.ofMillis(5), "tick");
        pollUntil(manager, () -> log.count(Event.Timer.class) >= 2, "two ticks");
        assertThat(((Event.Timer) log.events.stream().filter(Event.Timer.class::isInstance)
                .findFirst().orElseThrow()).tag()).isEqualTo("tick");
        conn.close();
        pollUntil(manager, log::closed, "Close");
        long ticks = log.count(Event.Timer.class);
        for (int i = 0; i < 5; i++) {
            manager.poll(10);
        }
        assertThat(log.count(Event.Timer.class)).isEqualTo(ticks);
        assertThat(log.events.get(log.events.size() - 1)).isInstanceOf(Event.Close.class);
    }
}
