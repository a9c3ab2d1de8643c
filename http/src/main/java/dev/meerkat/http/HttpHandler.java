package dev.meerkat.http;

/** Receives a server's request events on the manager's thread; answer through the {@link HttpExchange}. */
@FunctionalInterface
public interface HttpHandler {
    /**
     * One event of one request. A runtime exception thrown here is logged and answered with 500 and
     * a close, or, once a reply began, closes the connection; other connections go on.
     *
     * @param exchange the request's exchange, the same object for every event of the request
     * @param event    what arrived
     */
    void handle(HttpExchange exchange, HttpEvent event);
}
