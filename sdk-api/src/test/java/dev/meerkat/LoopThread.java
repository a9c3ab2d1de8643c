package dev.meerkat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A manager running on its own thread, so tests can use blocking sockets against it. */
public final class LoopThread implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    public final Manager manager;
    private final Thread thread;

    public LoopThread() {
        this(MemoryBudget.processDefault());
    }

    public LoopThread(MemoryBudget budget) {
        manager = new Manager(budget);
        thread = new Thread(manager::run, "meerkat-test-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the loop and waits for its result. */
    public <T> T call(Supplier<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        manager.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void run(Runnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public void close() {
        manager.close();
        try {
            thread.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
