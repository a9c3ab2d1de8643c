package dev.meerkat.tls.conformance;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import java.nio.ByteBuffer;

/**
 * The server side of a {@link Scenario}, for the one connection its listener accepts: waits for the
 * whole request, runs the before-response action (arming the proxy), then writes the response one write
 * per flush and closes with close_notify right after the last write (Mongoose 2570's server).
 */
final class ServerScript implements Handler {

    private final Scenario scenario;
    private Runnable beforeResponse = () -> { };
    private final EventLog log = new EventLog();
    private boolean accepted;
    private boolean responding;
    private int writesSent;
    private int responseOffset;

    ServerScript(Scenario scenario) {
        this.scenario = scenario;
    }

    Scenario scenario() {
        return scenario;
    }

    /** Runs {@code action} once the whole request arrived, just before the first response write. */
    void beforeResponse(Runnable action) {
        this.beforeResponse = action;
    }

    EventLog log() {
        return log;
    }

    /** True once the accepted connection closed. */
    boolean isDone() {
        return accepted && log.isClosed();
    }

    @Override
    public void handle(Connection connection, Event event) {
        if (connection.isListener()) {
            return;
        }
        accepted = true;
        log.record(event);
        if (event instanceof Event.Read && !responding && log.bytes() >= scenario.request().length()) {
            responding = true;
            beforeResponse.run();
            sendNextWrite(connection);
        } else if (event instanceof Event.Write write && responding && write.queued() == 0) {
            sendNextWrite(connection);
        }
    }

    private void sendNextWrite(Connection connection) {
        if (writesSent == scenario.writeSizes().size()) {
            return;
        }
        int size = scenario.writeSizes().get(writesSent++);
        ByteBuffer chunk = ByteBuffer.wrap(scenario.response().bytes(), responseOffset, size);
        responseOffset += size;
        if (!connection.send(chunk)) {
            throw new IllegalStateException("expected the server to queue a write of " + size + " bytes on connection "
                    + connection.id() + " but send() refused it");
        }
        if (writesSent == scenario.writeSizes().size()) {
            connection.closeAfterFlush();
        }
    }
}
