package dev.meerkat.ws;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.http.UpgradeHandler;

/** A server WebSocket as the new owner of an upgraded HTTP connection. */
final class ServerUpgrade implements UpgradeHandler {

    private final WebSocket socket;
    private final String subprotocol;

    ServerUpgrade(WebSocket socket, String subprotocol) {
        this.socket = socket;
        this.subprotocol = subprotocol;
    }

    @Override
    public void handle(Connection connection, Event event) {
        socket.onEvent(connection, event);
    }

    @Override
    public void upgraded(Connection connection) {
        socket.opened(connection, subprotocol);
    }

    @Override
    public void shutdown(Connection connection) {
        socket.goingAway();
    }
}
