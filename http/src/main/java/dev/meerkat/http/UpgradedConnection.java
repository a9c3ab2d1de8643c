package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;

/** A connection its server handed to an {@link UpgradeHandler}: still counted until it closes. */
final class UpgradedConnection implements Handler {

    private final HttpServer server;
    private final Connection connection;
    private final UpgradeHandler owner;

    UpgradedConnection(HttpServer server, Connection connection, UpgradeHandler owner) {
        this.server = server;
        this.connection = connection;
        this.owner = owner;
    }

    @Override
    public void handle(Connection c, Event event) {
        try {
            owner.handle(c, event);
        } finally {
            if (event instanceof Event.Close) {
                server.forget(this);
            }
        }
    }

    Connection connection() {
        return connection;
    }

    /** Lets the owner close in its protocol's way; a connection already closing is left alone. */
    void shutdown() {
        if (!connection.isClosing()) {
            owner.shutdown(connection);
        }
    }
}
