package dev.meerkat.tls.matrix;

import dev.meerkat.Manager;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A manager running on its own daemon thread, and the TLS contexts a test made for it; tests hand
 * it work with {@link #call}. Closing stops the loop, then closes the contexts.
 */
public final class MatrixLoop implements AutoCloseable {

    private static final long WAIT_SECONDS = 15;

    public final Manager manager = new Manager();
    private final Thread thread = new Thread(manager::run, "matrix-loop");
    private final List<TlsContext> contexts = new ArrayList<>();

    public MatrixLoop() {
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the loop and waits for its result, at most 15 s. */
    public <T> T call(Supplier<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        manager.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A context of {@code provider}, closed with this loop. */
    public TlsContext context(String provider, TlsConfig config) throws TlsException {
        TlsContext context = TlsProviders.newContext(provider, config);
        contexts.add(context);
        return context;
    }

    @Override
    public void close() throws InterruptedException {
        manager.close();
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        contexts.forEach(TlsContext::close);
    }
}
