package dev.meerkat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A manager running on its own thread ({@link Manager#start()}), so tests can use blocking sockets against it. */
public final class LoopThread implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    public final Manager manager;

    public LoopThread() {
        this(MemoryBudget.processDefault());
    }

    public LoopThread(MemoryBudget budget) {
        manager = new Manager(budget).start();
    }

    /** Runs {@code task} on the loop and waits for its result. */
    public <T> T call(Supplier<T> task) throws Exception {
        return manager.submit(task::get).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void run(Runnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Closes the manager, which waits for its thread. */
    @Override
    public void close() {
        manager.close();
    }
}
