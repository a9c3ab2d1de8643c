package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import dev.meerkat.LoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP/1.1 server on a {@link Manager}: keep-alive, pipelining, {@code Expect: 100-continue},
 * bodies streamed or whole ({@link HttpEvent}). Loop thread only, like the manager's connections.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.listen(manager, "http://127.0.0.1:8080", HttpServerOptions.defaults(),
 *         (exchange, event) -> {
 *             if (event instanceof HttpEvent.End) {
 *                 exchange.reply(200, "hello " + exchange.request().target());
 *             }
 *         });
 * }</pre>
 *
 * <p>To use every core, {@link HttpServerGroup} runs one {@code HttpServer} on each loop of a
 * {@link LoopGroup}, all on one port.
 */
public final class HttpServer {

    private final HttpServerOptions options;
    private final HttpHandler handler;
    /** Counted against {@link HttpServerOptions#maxConnections()}: this server's own, or its group's. */
    private final ConnectionSlots slots;
    private final Set<ServerSession> sessions = new HashSet<>();
    private final Set<UpgradedConnection> upgraded = new HashSet<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private Connection listener;
    private boolean shuttingDown;

    HttpServer(HttpServerOptions options, HttpHandler handler, ConnectionSlots slots) {
        this.options = options;
        this.handler = handler;
        this.slots = slots;
    }

    /**
     * Listens on {@code url}: {@code http://host:port} or {@code https://host:port} (which needs a
     * TLS context in {@code options.connection()}); port 0 picks a free port. Loop thread only; from
     * another thread use {@link #listenAsync}.
     *
     * @param manager the manager whose loop runs the server
     * @param url     the address to listen on
     * @param options the server's limits, timeouts and connection options
     * @param handler gets every request's events, on the loop thread
     * @return the listening server
     * @throws java.io.UncheckedIOException when the address cannot be bound
     * @throws IllegalArgumentException     for a URL that is not http:// or https://
     */
    public static HttpServer listen(Manager manager, String url, HttpServerOptions options, HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        HttpServer server = new HttpServer(options, handler, new ConnectionSlots());
        manager.listen(Urls.transport(url), options.connection(), server::onEvent);
        return server;
    }

    /**
     * {@link #listen} from any thread: it runs on the manager's loop, and the future completes with
     * the listening server, or fails with what refused the address.
     *
     * @param manager the manager whose loop runs the server
     * @param url     the address to listen on
     * @param options the server's limits, timeouts and connection options
     * @param handler gets every request's events, on the loop thread
     * @return a future of the listening server
     */
    public static CompletableFuture<HttpServer> listenAsync(Manager manager, String url, HttpServerOptions options,
            HttpHandler handler) {
        return manager.submit(() -> listen(manager, url, options, handler));
    }

    /**
     * The bound address, with the port chosen when listening on port 0.
     *
     * @return the local address of the listener
     */
    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /**
     * The bound port, the one chosen when listening on port 0.
     *
     * @return the local port
     */
    public int port() {
        return address().getPort();
    }

    /**
     * Stops accepting, lets in-flight requests finish their replies (with {@code Connection: close}),
     * closes idle keep-alive connections, refuses new upgrades with 503 and asks upgraded connections
     * to close through {@link UpgradeHandler#shutdown}. The future completes when every connection,
     * upgraded ones included, is gone.
     *
     * @return a future completed on the loop thread when the last connection closed
     */
    public CompletableFuture<Void> shutdown() {
        shuttingDown = true;
        listener.close();
        new ArrayList<>(sessions).forEach(ServerSession::shutdown);
        new ArrayList<>(upgraded).forEach(UpgradedConnection::shutdown);
        completeWhenEmpty();
        return terminated;
    }

    /** Closes the listener and every connection, upgraded ones included, now. */
    public void close() {
        shuttingDown = true;
        listener.close();
        new ArrayList<>(sessions).forEach(s -> s.connection().close());
        new ArrayList<>(upgraded).forEach(u -> u.connection().close());
    }

    /**
     * Whether {@link #shutdown()} or {@link #close()} was called.
     *
     * @return true once the server stopped accepting
     */
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /**
     * Open connections (not the listener), upgraded ones included.
     *
     * @return the connection count
     */
    public int connectionCount() {
        return sessions.size() + upgraded.size();
    }

    HttpServerOptions options() {
        return options;
    }

    HttpHandler handler() {
        return handler;
    }

    Manager manager() {
        return listener.manager();
    }

    void forget(ServerSession session) {
        if (sessions.remove(session)) {
            slots.release();
        }
        completeWhenEmpty();
    }

    void forget(UpgradedConnection connection) {
        if (upgraded.remove(connection)) {
            slots.release();
        }
        completeWhenEmpty();
    }

    /** {@code session}'s 101 is in the connection's send queue: {@code owner} takes the connection over. */
    void handOver(ServerSession session, UpgradeHandler owner) {
        Connection connection = session.connection();
        UpgradedConnection handedOver = new UpgradedConnection(this, connection, owner);
        sessions.remove(session);
        upgraded.add(handedOver);
        connection.handler(handedOver);
        owner.upgraded(connection);
        // The session paused reading while the 101 waited; what the client sent after the request is the owner's.
        connection.resumeReading();
        if (shuttingDown) {
            handedOver.shutdown();
        }
    }

    void onEvent(Connection connection, Event event) {
        if (connection.isListener()) {
            if (event instanceof Event.Open) {
                // Fired inside the listen call, before it returns: here a group's listeners are learnt too.
                listener = connection;
            }
            return;
        }
        if (!(event instanceof Event.Accept)) {
            return;
        }
        if (shuttingDown) {
            connection.close();
            return;
        }
        if (!slots.tryTake(options.maxConnections())) {
            Refusal.refuse(connection, options.maxConnections());
            return;
        }
        ServerSession session = new ServerSession(this, connection);
        sessions.add(session);
        connection.handler(session);
    }

    private void completeWhenEmpty() {
        if (shuttingDown && sessions.isEmpty() && upgraded.isEmpty()) {
            terminated.complete(null);
        }
    }
}
