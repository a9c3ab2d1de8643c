package dev.meerkat.http;

import dev.meerkat.Manager;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * An HTTP/1.1 client on a {@link Manager}: a keep-alive pool per scheme/host/port, one request per
 * connection at a time, one retry of an idempotent request that met a stale pooled connection,
 * connect/read/total timeouts. https takes its TLS context from the options (or the default
 * provider's) and uses the URL's host for SNI and the certificate check. {@code send},
 * {@code sendAndWait}, {@code cancel} and {@code close} may be called from any thread; listeners
 * run on the manager's thread.
 *
 * <pre>{@code
 * HttpResponse r = client.sendAndWait(HttpClientRequest.get("https://example.com/"));
 * if (!r.complete()) { ... the body may be cut short ... }
 * CompletableFuture<HttpResponse> later = client.send(request); // later.cancel(true) aborts it
 * }</pre>
 */
public final class HttpClient implements AutoCloseable {

    private final Manager manager;
    private final HttpClientOptions options;
    private final Map<String, HostPool> pools = new HashMap<>();
    private final Set<ClientConnection> connections = new HashSet<>();
    /** The thread that runs the manager, once seen: {@link #sendAndWait} must not block it. */
    private volatile Thread loopThread;

    /**
     * A client whose connections run on {@code manager}'s loop. It opens no connection until a request.
     *
     * @param manager the manager whose loop runs the connections and listeners
     * @param options pool size, timeouts, limits, proxy
     */
    public HttpClient(Manager manager, HttpClientOptions options) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.options = Objects.requireNonNull(options, "options");
        manager.execute(() -> loopThread = Thread.currentThread());
    }

    /**
     * A client with {@link HttpClientOptions#defaults()}.
     *
     * @param manager the manager whose loop runs the connections and listeners
     */
    public HttpClient(Manager manager) {
        this(manager, HttpClientOptions.defaults());
    }

    /**
     * Sends {@code request}; the future holds the whole response, or fails with an
     * {@link HttpClientException}. Cancelling the future aborts the exchange and closes its connection.
     *
     * @param request the request
     * @return a future completed on the manager's thread; a body over
     *     {@link HttpClientOptions#maxBodyBytes()} fails it with {@link HttpClientException.Kind#TOO_LARGE}
     */
    public CompletableFuture<HttpResponse> send(HttpClientRequest request) {
        ResponseCollector collector = new ResponseCollector(options.maxBodyBytes(), manager.memoryBudget());
        ClientExchange exchange = new ClientExchange(this, request, collector);
        collector.exchange(exchange);
        return start(exchange, collector.future);
    }

    /**
     * Sends {@code request} and writes the response body into {@code sink} as it arrives, holding
     * none of it: no {@link HttpClientOptions#maxBodyBytes()} applies. The future's response has an
     * empty body. After a failure {@code sink} has every byte that arrived and the exception says
     * how many. The sink is written on the manager's thread and stays open.
     *
     * @param request the request
     * @param sink    where the body goes; it should not block, as it is written on the loop thread
     * @return a future of the response head, with an empty body
     */
    public CompletableFuture<HttpResponse> send(HttpClientRequest request, WritableByteChannel sink) {
        return sendTo(request, new ChannelSink(sink, false));
    }

    /**
     * As {@link #send(HttpClientRequest, WritableByteChannel)} into {@code file}, created or
     * truncated now and closed when the exchange ends; after a failure it keeps what arrived, as
     * curl's {@code -o} does.
     *
     * @param request the request
     * @param file    where the body goes
     * @return a future of the response head, with an empty body
     * @throws IOException when the file cannot be opened for writing
     */
    public CompletableFuture<HttpResponse> send(HttpClientRequest request, Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return sendTo(request, new ChannelSink(channel, true));
    }

    private CompletableFuture<HttpResponse> sendTo(HttpClientRequest request, ChannelSink sink) {
        return start(new ClientExchange(this, request, sink), sink.future);
    }

    /** Begins {@code exchange} on the manager's thread; cancelling {@code future} aborts it. */
    private CompletableFuture<HttpResponse> start(ClientExchange exchange, CompletableFuture<HttpResponse> future) {
        future.whenComplete((response, failure) -> {
            if (future.isCancelled()) {
                cancel(exchange);
            }
        });
        manager.execute(() -> begin(exchange));
        return future;
    }

    /**
     * Sends {@code request} and waits for the whole response: for simple uses, from any thread but
     * the manager's (where it would wait for itself). An interrupt cancels the exchange.
     *
     * @param request the request
     * @return the whole response
     * @throws HttpClientException   as the future of {@link #send(HttpClientRequest)} would fail
     * @throws InterruptedException  when the thread is interrupted while waiting; the exchange is cancelled
     * @throws IllegalStateException when called on the manager's thread
     */
    public HttpResponse sendAndWait(HttpClientRequest request) throws HttpClientException, InterruptedException {
        Thread loop = loopThread;
        if (loop == Thread.currentThread()) {
            throw new IllegalStateException("expected another thread than the manager's (" + loop.getName()
                    + ") for sendAndWait, which would wait for that thread forever; use send there");
        }
        CompletableFuture<HttpResponse> response = send(request);
        try {
            return response.get();
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw (HttpClientException) e.getCause();
        }
    }

    /**
     * Sends {@code request} and streams the response to {@code listener}, which is called on the
     * manager's thread and may pause the response through the call.
     *
     * @param request  the request
     * @param listener gets the head, the body as it arrives, then the end or the failure
     * @return the call: cancels the exchange, pauses and resumes reading
     */
    public HttpCall send(HttpClientRequest request, ResponseListener listener) {
        ClientExchange exchange = new ClientExchange(this, request, listener);
        manager.execute(() -> begin(exchange));
        return exchange.call();
    }

    /** Aborts {@code exchange} on the manager's thread, closing its connection. */
    void cancel(ClientExchange exchange) {
        manager.execute(() -> exchange.abort(new HttpClientException(HttpClientException.Kind.CANCELLED,
                exchange.request + ": cancelled", null)));
    }

    /** Closes every connection; waiting requests fail. */
    @Override
    public void close() {
        manager.execute(() -> {
            pools.values().forEach(HostPool::close);
            new ArrayList<>(connections).forEach(ClientConnection::close);
        });
    }

    HttpClientOptions options() {
        return options;
    }

    Manager manager() {
        return manager;
    }

    void track(ClientConnection c) {
        connections.add(c);
    }

    void untrack(ClientConnection c) {
        connections.remove(c);
    }

    /** Hands {@code exchange} to its host's pool; {@code fresh} asks for a new connection. */
    void dispatch(ClientExchange exchange, boolean fresh) {
        URI url = exchange.request.url();
        Route route = Route.of(url, options.proxies(url.getHost()) ? options.proxy() : null);
        pools.computeIfAbsent(route.key(), k -> new HostPool(this, route)).submit(exchange, fresh);
    }

    private void begin(ClientExchange exchange) {
        loopThread = Thread.currentThread();
        exchange.start();
        if (!options.totalTimeout().isZero()) {
            exchange.totalTimer(manager.schedule(options.totalTimeout(), null, () -> exchange.abort(
                    new HttpClientException(HttpClientException.Kind.TIMEOUT, exchange.request + ": no complete response within "
                            + options.totalTimeout().toMillis() + " ms", null))));
        }
        dispatch(exchange, false);
    }
}
