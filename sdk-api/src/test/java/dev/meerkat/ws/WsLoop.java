package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.Manager;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A manager on its own thread, and a recorder of WebSocket events for tests to wait on. */
final class WsLoop implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Manager manager = new Manager();
    private final Thread thread = new Thread(manager::run, "meerkat-ws-test-loop");

    WsLoop() {
        thread.setDaemon(true);
        thread.start();
    }

    <T> T call(Supplier<T> task) throws Exception {
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

    @Override
    public void close() throws InterruptedException {
        manager.close();
        thread.join(TIMEOUT.toMillis());
    }

    /** Records every event but Write, which comes at unpredictable times. */
    static final class Recorder implements WsHandler {
        final BlockingQueue<WsEvent> events = new LinkedBlockingQueue<>();
        private final WsHandler then;

        Recorder(WsHandler then) {
            this.then = then;
        }

        Recorder() {
            this((ws, e) -> { });
        }

        @Override
        public void handle(WebSocket socket, WsEvent event) {
            if (!(event instanceof WsEvent.Write)) {
                events.add(event);
            }
            then.handle(socket, event);
        }

        /** The next event, which must be of {@code type}. */
        <E extends WsEvent> E next(Class<E> type) throws InterruptedException {
            WsEvent event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("the next event").isInstanceOf(type);
            return type.cast(event);
        }
    }
}
