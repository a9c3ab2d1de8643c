package dev.meerkat;

/** Receives a connection's events on the manager's thread. See {@link Event} for the table. */
@FunctionalInterface
public interface Handler {
    void handle(Connection connection, Event event);
}
