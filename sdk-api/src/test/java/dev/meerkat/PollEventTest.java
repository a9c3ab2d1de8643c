package dev.meerkat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollEventTest {
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void everyConnectionSeesOnePollPerIteration() {
        List<Event.Poll> polls = new ArrayList<>();
        Handler recorder = (c, e) -> {
            if (e instanceof Event.Poll poll) {
                polls.add(poll);
            }
        };
        manager.listen("tcp://127.0.0.1:0", recorder);
        manager.listen("tcp://127.0.0.1:0", recorder);
        long before = System.currentTimeMillis();
        manager.poll(0);
        assertThat(polls).hasSize(2);
        // The same instance: the loop allocates no Poll per connection.
        assertThat(polls.get(1)).isSameAs(polls.get(0));
        assertThat(polls.get(0).nowMillis()).isBetween(before, System.currentTimeMillis());
    }

    /** The Poll shared within a millisecond must not stay behind: a later iteration tells the later time. */
    @Test
    void aLaterIterationCarriesTheLaterTime() throws InterruptedException {
        List<Event.Poll> polls = new ArrayList<>();
        manager.listen("tcp://127.0.0.1:0", (c, e) -> {
            if (e instanceof Event.Poll poll) {
                polls.add(poll);
            }
        });
        manager.poll(0);
        long first = polls.get(0).nowMillis();
        // Bounded: at most 100 iterations of about 5 ms each.
        for (int i = 0; i < 100 && System.currentTimeMillis() <= first; i++) {
            Thread.sleep(5);
        }
        long after = System.currentTimeMillis();
        manager.poll(0);
        assertThat(polls).hasSize(2);
        assertThat(after).as("the clock moved on").isGreaterThan(first);
        assertThat(polls.get(1).nowMillis()).isBetween(after, System.currentTimeMillis());
    }
}
