package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import java.nio.charset.StandardCharsets;

/**
 * A connection over {@link HttpServerOptions#maxConnections()}: on plain TCP one 503 that says why,
 * then close; its request is never parsed, only discarded. A TLS connection is closed at once: a
 * 503 would first cost a handshake, the very work the cap is there to refuse, and keep the
 * descriptor for up to the handshake timeout.
 */
final class Refusal implements Handler {

    private static final Refusal INSTANCE = new Refusal();

    private Refusal() {
    }

    static void refuse(Connection connection, int maxConnections) {
        if (connection.isTls()) {
            connection.close();
            return;
        }
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
