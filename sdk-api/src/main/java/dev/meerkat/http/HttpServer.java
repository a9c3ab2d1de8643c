package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP/1.1 server on a {@link Manager}: keep-alive, pipelining, {@code Expect: 100-continue},
 * bodies whole or streamed. Loop thread only, like the manager's connections.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.listen(manager, "http://127.0.0.1:8080", HttpServerOptions.defaults(),
 *         (exchange, event) -> {
 *             if (event instanceof HttpEvent.Message m) {
 *                 exchange.reply(200, "hello " + m.request().target());
 *             }
 *         });
 * }</pre>
 */
public final class HttpServer {

    private final HttpServerOptions options;
    private final HttpHandler handler;
    private final Set<ServerSession> sessions = new HashSet<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private Connection listener;
    private boolean shuttingDown;

    private HttpServer(HttpServerOptions options, HttpHandler handler) {
        this.options = options;
        this.handler = handler;
    }

    /**
     * Listens on {@code url}: {@code http://host:port} or {@code https://host:port} (which needs a
     * TLS context in {@code options.connection()}); port 0 picks a free port.
     */
    public static HttpServer listen(Manager manager, String url, HttpServerOptions options, HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        HttpServer server = new HttpServer(options, handler);
        server.listener = manager.listen(Urls.transport(url), options.connection(), server::onEvent);
        return server;
    }

    /** The bound address, with the port chosen when listening on port 0. */
    public InetSocketAddress address() {
        return listener.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /**
     * Stops accepting, lets in-flight requests finish their replies (with {@code Connection: close}),
     * closes idle keep-alive connections. The future completes when every connection is gone.
     */
    public CompletableFuture<Void> shutdown() {
        shuttingDown = true;
        listener.close();
        new ArrayList<>(sessions).forEach(ServerSession::shutdown);
        completeWhenEmpty();
        return terminated;
    }

    /** Closes the listener and every connection now. */
    public void close() {
        shuttingDown = true;
        listener.close();
        new ArrayList<>(sessions).forEach(s -> s.connection().close());
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Open connections (not the listener). */
    public int connectionCount() {
        return sessions.size();
    }

    HttpServerOptions options() {
        return options;
    }

    HttpHandler handler() {
        return handler;
    }

    void forget(ServerSession session) {
        sessions.remove(session);
        completeWhenEmpty();
    }

    private void onEvent(Connection connection, Event event) {
        if (connection.isListener() || !(event instanceof Event.Accept)) {
            return;
        }
        if (shuttingDown) {
            connection.close();
            return;
        }
        ServerSession session = new ServerSession(this, connection);
        sessions.add(session);
        connection.handler(session);
    }

    private void completeWhenEmpty() {
        if (shuttingDown && sessions.isEmpty()) {
            terminated.complete(null);
        }
    }
}
