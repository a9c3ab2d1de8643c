package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every WebSocket event but Write and Writability, which come at unpredictable times, for tests to wait on. */
final class WsRecorder implements WsHandler {
    final BlockingQueue<WsEvent> events = new LinkedBlockingQueue<>();
    private final WsHandler then;

    WsRecorder(WsHandler then) {
        this.then = then;
    }

    WsRecorder() {
        this((ws, e) -> { });
    }

    @Override
    public void handle(WebSocket socket, WsEvent event) {
        if (!(event instanceof WsEvent.Write || event instanceof WsEvent.Writability)) {
            events.add(event);
        }
        then.handle(socket, event);
    }

    /** The next event, which must be of {@code type}. */
    <E extends WsEvent> E next(Class<E> type) throws InterruptedException {
        WsEvent event = events.poll(LoopThread.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("the next event").isInstanceOf(type);
        return type.cast(event);
    }
}
