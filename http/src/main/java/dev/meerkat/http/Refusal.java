package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import java.nio.charset.StandardCharsets;

/**
 * A connection over {@link HttpServerOptions#maxConnections()}: one 503 that says why, then close.
 * Its request is never parsed, only discarded, so a flood of refused connections costs no parsing
 * and no buffers; each lives until the 503 is flushed (or the core's handshake timeout on TLS).
 */
final class Refusal implements Handler {

    private static final Refusal INSTANCE = new Refusal();

    private Refusal() {
    }

    static void refuse(Connection connection, int maxConnections) {
        String body = "the server is at its limit of " + maxConnections + " connections; try again later\n";
        String response = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        connection.handler(INSTANCE);
        connection.send(response.getBytes(StandardCharsets.ISO_8859_1));
        connection.closeAfterFlush();
    }

    @Override
    public void handle(Connection connection, Event event) {
        if (event instanceof Event.Read read) {
            read.data().position(read.data().limit());
        }
    }
}
