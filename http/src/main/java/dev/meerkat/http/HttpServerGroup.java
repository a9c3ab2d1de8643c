package dev.meerkat.http;

import dev.meerkat.LoopGroup;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One {@link HttpServer} on each loop of a {@link LoopGroup}, all on one port: each connection is
 * served on the loop that accepted it. {@link HttpServerOptions#maxConnections()} counts the whole
 * group's connections; the handler is called on every loop's thread, so what it shares across
 * requests must be thread-safe. Every method here may be called from any thread.
 *
 * <pre>{@code
 * try (LoopGroup group = new LoopGroup(Runtime.getRuntime().availableProcessors()).start()) {
 *     HttpServerGroup server = HttpServerGroup.listen(group, "http://127.0.0.1:8080",
 *             HttpServerOptions.defaults(), handler).join();
 *     ...
 *     server.shutdown().join();
 * }
 * }</pre>
 */
public final class HttpServerGroup {

    private final List<HttpServer> servers;
    private final ConnectionSlots slots;
    private final InetSocketAddress address;

    private HttpServerGroup(List<HttpServer> servers, ConnectionSlots slots, InetSocketAddress address) {
        this.servers = servers;
        this.slots = slots;
        this.address = address;
    }

    /**
     * Listens on {@code url} ({@code http://} or {@code https://}, see {@link HttpServer#listen}) on
     * every loop of {@code group}, which must be started. The future holds the listening group, or
     * fails with what refused the address; then no loop listens. Any thread.
     *
     * @param group   the started loop group to serve on
     * @param url     where to listen, e.g. {@code http://0.0.0.0:8080}
     * @param options the server's options; {@code maxConnections} counts the whole group
     * @param handler answers requests; it runs on the loop thread of each request's connection
     * @return the listening group, once every loop listens
     */
    public static CompletableFuture<HttpServerGroup> listen(LoopGroup group, String url, HttpServerOptions options,
            HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        ConnectionSlots slots = new ConnectionSlots();
        HttpServer[] servers = new HttpServer[group.managers().size()];
        return group.listen(Urls.transport(url), options.connection(), manager -> {
            HttpServer server = new HttpServer(options, handler, slots);
            servers[group.managers().indexOf(manager)] = server;
            return server::onEvent;
        }).thenApply(listeners -> new HttpServerGroup(List.copyOf(Arrays.asList(servers)), slots,
                listeners.get(0).localAddress()));
    }

    /** {@return the bound address, with the port chosen when listening on port 0} */
    public InetSocketAddress address() {
        return address;
    }

    /** {@return the bound port} */
    public int port() {
        return address.getPort();
    }

    /**
     * {@return the servers, one per loop in the order of {@link LoopGroup#managers()}} Each is used
     * on its loop's thread only.
     */
    public List<HttpServer> servers() {
        return servers;
    }

    /** {@return the open connections on every loop, upgraded ones included} Any thread. */
    public int connectionCount() {
        return slots.taken();
    }

    /**
     * {@link HttpServer#shutdown()} on every loop. Any thread.
     *
     * @return a future that completes when every loop's connections are gone
     */
    public CompletableFuture<Void> shutdown() {
        return onEveryLoop(HttpServer::shutdown);
    }

    /**
     * {@link HttpServer#close()} on every loop. Any thread.
     *
     * @return a future that completes when each loop has closed its connections
     */
    public CompletableFuture<Void> close() {
        return onEveryLoop(server -> {
            server.close();
            return CompletableFuture.completedFuture(null);
        });
    }

    private CompletableFuture<Void> onEveryLoop(Function<HttpServer, CompletableFuture<Void>> action) {
        return CompletableFuture.allOf(servers.stream()
                .map(server -> server.manager().submit(() -> action.apply(server)).thenCompose(done -> done))
                .toArray(CompletableFuture[]::new));
    }
}
