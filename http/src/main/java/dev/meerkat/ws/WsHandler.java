package dev.meerkat.ws;

/** Receives a WebSocket's events on the manager's thread. See {@link WsEvent} for the table. */
@FunctionalInterface
public interface WsHandler {
    /**
     * One event of one WebSocket. An exception thrown here fails this WebSocket's connection (Error,
     * then Close); other connections go on.
     *
     * @param socket the WebSocket the event is for
     * @param event  what happened
     */
    void handle(WebSocket socket, WsEvent event);
}
