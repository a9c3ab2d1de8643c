package dev.meerkat.ws;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The handler behind {@link WebSocket#connectAsync}: passes every event on to the user's handler and
 * completes a future at Open, or fails it when the WebSocket closes first.
 */
final class Opening implements WsHandler {
    private final WsHandler handler;
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    private Throwable error;

    Opening(WsHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    CompletableFuture<WebSocket> opened() {
        return opened;
    }

    /** The connect call itself ran on the loop: a failure there (a malformed URL) fails the future. */
    void started(WebSocket socket, Throwable failure) {
        if (failure != null) {
            opened.completeExceptionally(failure);
        }
    }

    @Override
    public void handle(WebSocket ws, WsEvent event) {
        if (event instanceof WsEvent.Error e) {
            error = e.cause();
        }
        handler.handle(ws, event);
        if (event instanceof WsEvent.Open) {
            opened.complete(ws);
        } else if (event instanceof WsEvent.Close close && !opened.isDone()) {
            opened.completeExceptionally(error != null ? error : new IOException("expected the WebSocket to open but it closed"
                    + " with code " + close.code() + " and connection reason " + close.connection()));
        }
    }
}
