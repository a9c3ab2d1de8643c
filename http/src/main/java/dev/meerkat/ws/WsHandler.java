package dev.meerkat.ws;

/** Receives a WebSocket's events on the manager's thread. See {@link WsEvent} for the table. */
@FunctionalInterface
public interface WsHandler {
    void handle(WebSocket socket, WsEvent event);
}
