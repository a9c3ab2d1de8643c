package dev.meerkat.mqtt;

import java.time.Duration;

/** Reconnect delays: the minimum, doubling after each failed attempt up to the maximum, reset by a CONNACK. */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private Duration next;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    Duration next() {
        Duration now = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return now;
    }

    void reset() {
        next = min;
    }
}
