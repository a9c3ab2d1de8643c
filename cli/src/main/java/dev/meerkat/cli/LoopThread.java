package dev.meerkat.cli;

import dev.meerkat.Manager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A {@link Manager} polled by its own daemon thread; closing it closes the manager and ends the
 * thread. {@link #ended()} completes when the loop stops, exceptionally when a fatal error stopped it.
 */
final class LoopThread implements AutoCloseable {

    private final Manager manager = new Manager();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    LoopThread(String name) {
        Thread thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            manager.run();
            ended.complete(null);
        } catch (Throwable e) {
            ended.completeExceptionally(e);
        }
    }

    Manager manager() {
        return manager;
    }

    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Runs {@code task} on the loop thread and waits up to 10 seconds for its result. */
    <T> T call(Supplier<T> task) throws ExecutionException, InterruptedException, TimeoutException {
        CompletableFuture<T> result = new CompletableFuture<>();
        manager.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        manager.close();
    }
}
