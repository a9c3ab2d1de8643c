package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.MemoryBudget;
import java.io.File;
import java.util.function.LongSupplier;

/**
 * What an attack must give back: this process's open descriptors (/proc/self/fd) and the bytes in
 * use in a memory budget, taken before it and awaited after it (bounded: 10 s in 20 ms steps).
 */
final class Baseline {

    private static final int STEPS = 500;

    private final MemoryBudget budget;
    private final long descriptors;
    private final long budgetBytes;

    private Baseline(MemoryBudget budget) {
        this.budget = budget;
        this.descriptors = openDescriptors();
        this.budgetBytes = budget.used();
    }

    static Baseline of(MemoryBudget budget) {
        return new Baseline(budget);
    }

    /** Open descriptors of this process; the listing's own descriptor is counted, the same each time. */
    static long openDescriptors() {
        String[] names = new File("/proc/self/fd").list();
        if (names == null) {
            throw new IllegalStateException("expected /proc/self/fd to list this process's descriptors");
        }
        return names.length;
    }

    /** Waits until descriptors and budget bytes are back to what they were, then asserts so. */
    void assertRestored() throws InterruptedException {
        awaitAtMost(Baseline::openDescriptors, descriptors);
        awaitAtMost(budget::used, budgetBytes);
        assertThat(openDescriptors()).as("open descriptors after the attack").isLessThanOrEqualTo(descriptors);
        assertThat(budget.used()).as("memory budget bytes in use after the attack").isLessThanOrEqualTo(budgetBytes);
    }

    static void awaitAtMost(LongSupplier value, long bound) throws InterruptedException {
        for (int i = 0; i < STEPS && value.getAsLong() > bound; i++) {
            Thread.sleep(20);
        }
    }
}
