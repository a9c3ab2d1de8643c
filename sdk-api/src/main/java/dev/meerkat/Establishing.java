package dev.meerkat;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The handler behind {@link Manager#connectAsync}: passes every event on to the user's handler and
 * completes a future once the connection can carry data, or fails it when the connection closes
 * first.
 */
final class Establishing implements Handler {
    private final Handler handler;
    private final CompletableFuture<Connection> established = new CompletableFuture<>();
    private Throwable error;

    Establishing(Handler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    CompletableFuture<Connection> established() {
        return established;
    }

    /** The connect call itself ran on the loop: a failure there (a malformed URL) fails the future. */
    void started(Connection connection, Throwable failure) {
        if (failure != null) {
            established.completeExceptionally(failure);
        }
    }

    @Override
    public void handle(Connection connection, Event event) {
        if (event instanceof Event.Error e) {
            error = e.cause();
        }
        handler.handle(connection, event);
        if (isReady(connection, event)) {
            established.complete(connection);
        } else if (event instanceof Event.Close close && !established.isDone()) {
            Throwable cause = close.cause() != null ? close.cause() : error;
            established.completeExceptionally(cause != null ? cause : new IOException(connection
                    + ": expected the connection to open but it closed with " + close.reason()));
        }
    }

    private static boolean isReady(Connection connection, Event event) {
        return event instanceof Event.TlsHandshake || (event instanceof Event.Connect && !connection.isTls());
    }
}
