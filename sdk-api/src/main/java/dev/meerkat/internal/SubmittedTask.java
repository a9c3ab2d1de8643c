package dev.meerkat.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * A task given to {@link Loop#execute} whose caller waits on a future: completed with the task's
 * result or failure on the loop thread, or failed when the loop closes before running it.
 */
public final class SubmittedTask<T> implements Runnable {
    private final Callable<T> task;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private SubmittedTask(Callable<T> task) {
        this.task = task;
    }

    /** Queues {@code task} on {@code loop}; the future completes on the loop thread. */
    public static <T> CompletableFuture<T> submit(Loop loop, Callable<T> task) {
        SubmittedTask<T> submitted = new SubmittedTask<>(task);
        loop.execute(submitted);
        return submitted.result;
    }

    @Override
    public void run() {
        try {
            result.complete(task.call());
        } catch (Throwable e) {
            result.completeExceptionally(e);
            Failures.rethrowIfFatal(e);
        }
    }

    void abandon() {
        result.completeExceptionally(new RejectedExecutionException("the manager closed before the task ran"));
    }
}
