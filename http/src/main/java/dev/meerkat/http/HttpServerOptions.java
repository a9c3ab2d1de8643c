package dev.meerkat.http;

import dev.meerkat.Options;
import java.util.Objects;

/**
 * Settings of an {@link HttpServer}.
 *
 * <p>Request bodies stream by default: the handler gets {@link HttpEvent.Head}, {@link HttpEvent.Body}
 * events as bytes arrive and {@link HttpEvent.End}, and the server holds no more of a body than the
 * connection's receive limit. A handler that wants each request whole, as one
 * {@link HttpEvent.Message}, opts in with {@link #withBufferedBodies} (or per request with
 * {@link HttpExchange#bufferBody()}). A buffered body counts against the manager's
 * {@link dev.meerkat.MemoryBudget} until the handler returns from its Message: a body over
 * {@code bodyLimit} is answered with 413, one the budget has no room for with 503, and the
 * connection closes.
 *
 * @param connection     per-connection options (TLS context for https, limits, idle timeout)
 * @param limits         parser limits for request heads
 * @param bodyLimit      the largest body buffered for a {@link HttpEvent.Message}; streamed bodies have no limit
 * @param bufferedBodies true: every request arrives whole as a {@link HttpEvent.Message} (a handler can
 *                       still call {@link HttpExchange#streamBody()} during Head); false: bodies stream
 */
public record HttpServerOptions(Options connection, HttpLimits limits, long bodyLimit, boolean bufferedBodies) {

    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;

    public HttpServerOptions {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(limits, "limits");
        if (bodyLimit < 0) {
            throw new IllegalArgumentException("expected a body limit >= 0 but was " + bodyLimit);
        }
    }

    /** Plain connections, default limits, bodies streamed; a buffered body may have 1 MiB. */
    public static HttpServerOptions defaults() {
        return new HttpServerOptions(Options.defaults(), HttpLimits.defaults(), DEFAULT_BODY_LIMIT, false);
    }

    public HttpServerOptions withConnection(Options options) {
        return new HttpServerOptions(options, limits, bodyLimit, bufferedBodies);
    }

    public HttpServerOptions withLimits(HttpLimits parserLimits) {
        return new HttpServerOptions(connection, parserLimits, bodyLimit, bufferedBodies);
    }

    public HttpServerOptions withBodyLimit(long bytes) {
        return new HttpServerOptions(connection, limits, bytes, bufferedBodies);
    }

    /** True: requests arrive whole as {@link HttpEvent.Message}, bodies up to {@link #bodyLimit()}. */
    public HttpServerOptions withBufferedBodies(boolean buffered) {
        return new HttpServerOptions(connection, limits, bodyLimit, buffered);
    }
}
