package dev.meerkat.http;

/** Receives a server's request events on the manager's thread; answer through the {@link HttpExchange}. */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpExchange exchange, HttpEvent event);
}
