package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Handler;

/**
 * The new owner of a connection switched to another protocol with
 * {@link HttpExchange#upgrade(Headers, UpgradeHandler)}. It receives the connection's events once
 * the 101 is in the connection's send queue, and hears from the {@link HttpServer} when it shuts
 * down. A lambda is enough when the defaults fit:
 *
 * <pre>{@code
 * exchange.upgrade(Headers.of("Upgrade", "echo", "Connection", "Upgrade"), (c, e) -> {
 *     if (e instanceof Event.Read r) {
 *         c.send(r.data());
 *     }
 * });
 * }</pre>
 *
 * <p>The server keeps counting the connection until its Close event, which is why the handler must
 * stay installed: replacing it with {@link Connection#handler} hides that Close from the server.
 */
@FunctionalInterface
public interface UpgradeHandler extends Handler {

    /**
     * The connection is this handler's now: the 101 went after every earlier reply, and what is sent
     * from here on follows it. Read events with the bytes the client sent after the request (also
     * those that arrived with it) come next. Does nothing by default.
     *
     * @param connection the upgraded connection
     */
    default void upgraded(Connection connection) {
    }

    /**
     * {@link HttpServer#shutdown()} began: close the connection gracefully, as the protocol says
     * (a WebSocket sends 1001 "going away"). The shutdown completes at this connection's Close.
     * By default the connection closes once its queued output is sent.
     *
     * @param connection the upgraded connection
     */
    default void shutdown(Connection connection) {
        connection.closeAfterFlush();
    }
}
