package dev.meerkat.benchmarks.server;

import dev.meerkat.Manager;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpExchange;
import dev.meerkat.http.HttpHandler;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsSession;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Meerkat's {@link HttpServer} on one loop thread, answering every request with the 1 KiB body. */
final class MeerkatServer implements BenchServer {

    private static final long WAIT_SECONDS = 10;
    private static final Duration KEEP_ALIVE = Duration.ofHours(1);
    private static final byte[] BODY = ResponseBody.bytes();
    private static final Headers HEADERS = Headers.of("Content-Type", ResponseBody.CONTENT_TYPE);

    private final Manager manager;
    private final TlsContext tls;
    private final Answer answer;
    private final HttpServer server;

    private MeerkatServer(Manager manager, TlsContext tls, Answer answer, HttpServer server) {
        this.manager = manager;
        this.tls = tls;
        this.answer = answer;
        this.server = server;
    }

    static MeerkatServer start(ServerSpec spec) throws Exception {
        TlsContext tls = spec.isPlain() ? null : ServerCertificate.meerkatContext(spec);
        Manager manager = new Manager();
        Thread loop = new Thread(manager::run, "meerkat-bench-loop");
        loop.setDaemon(true);
        loop.start();
        // Idle connections stay open through a memory run (Netty's server closes none); opening
        // 10,000 on a loaded machine took longer than the default 75 s.
        HttpServerOptions options = HttpServerOptions.builder().keepAliveTimeout(KEEP_ALIVE).build()
                .withBufferedBodies(true);
        if (tls != null) {
            options = options.withConnection(options.connection().withTls(tls));
        }
        String url = (tls == null ? "http" : "https") + "://127.0.0.1:0";
        HttpServerOptions listenOptions = options;
        Answer answer = new Answer();
        try {
            HttpServer server = onLoop(manager, () -> HttpServer.listen(manager, url, listenOptions, answer));
            return new MeerkatServer(manager, tls, answer, server);
        } catch (Exception e) {
            manager.close();
            closeQuietly(tls);
            throw e;
        }
    }

    /**
     * Replies with the body. Requests that ask to close are counted with whether their TLS session
     * was resumed: wrk keeps its session across reconnects, so a Connection: close run measures
     * resumed handshakes where the server allows them, and this count says how many. Only those
     * requests pay for building the session record, so keep-alive runs measure the bare server.
     */
    private static final class Answer implements HttpHandler {
        private long closingTlsRequests;
        private long resumedClosingRequests;

        @Override
        public void handle(HttpExchange exchange, HttpEvent event) {
            if (!(event instanceof HttpEvent.Message)) {
                return;
            }
            if (exchange.connection().isTls() && exchange.request().headers().hasToken("Connection", "close")) {
                TlsSession session = exchange.connection().tlsSession();
                closingTlsRequests++;
                resumedClosingRequests += session != null && session.resumed() ? 1 : 0;
            }
            exchange.reply(200, HEADERS, BODY);
        }
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public int openConnections() throws Exception {
        return onLoop(manager, server::connectionCount);
    }

    @Override
    public String statistics() throws Exception {
        return onLoop(manager, () -> "Connection: close requests over TLS=" + answer.closingTlsRequests
                + " on resumed sessions=" + answer.resumedClosingRequests);
    }

    @Override
    public void close() {
        try {
            onLoop(manager, () -> {
                server.close();
                return null;
            });
        } catch (Exception e) {
            // The loop is stuck or gone: closing the manager below ends every connection anyway.
        } finally {
            manager.close();
            closeQuietly(tls);
        }
    }

    /** The server's state belongs to the loop thread: read and change it only there. */
    private static <T> T onLoop(Manager manager, Supplier<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        manager.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void closeQuietly(TlsContext tls) {
        if (tls != null) {
            tls.close();
        }
    }
}
