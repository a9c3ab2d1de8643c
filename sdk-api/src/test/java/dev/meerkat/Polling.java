package dev.meerkat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a manager on the test thread until a condition holds, failing after a deadline. */
final class Polling {
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private Polling() {
    }

    static void pollUntil(Manager manager, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + what + " within " + DEADLINE.toSeconds() + " s");
            }
            manager.poll(10);
        }
    }
}
