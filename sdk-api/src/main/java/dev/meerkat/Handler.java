package dev.meerkat;

/** Receives a connection's events on the manager's thread. See {@link Event} for the table. */
@FunctionalInterface
public interface Handler {
    /**
     * Handles one event. Runs on the loop thread and must not block it. What it throws fails the
     * connection (an {@link Event.Error}, then {@link Event.Close} with {@link CloseReason#ERROR});
     * a throw while handling Error or Close is only logged.
     *
     * @param connection the connection the event belongs to
     * @param event what happened; see {@link Event} for what each kind carries
     */
    void handle(Connection connection, Event event);
}
