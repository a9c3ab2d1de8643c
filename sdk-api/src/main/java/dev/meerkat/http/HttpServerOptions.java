package dev.meerkat.http;

import dev.meerkat.Options;
import java.util.Objects;

/**
 * Settings of an {@link HttpServer}.
 *
 * @param connection        per-connection options (TLS context for https, limits, idle timeout)
 * @param limits            parser limits for request heads
 * @param bodyLimit         a body up to this many bytes arrives whole in {@link HttpEvent.Message}
 * @param streamLargeBodies true: a larger body streams as {@link HttpEvent.Body} events; false: it
 *                          is answered with 413 and the connection closes
 */
public record HttpServerOptions(Options connection, HttpLimits limits, long bodyLimit, boolean streamLargeBodies) {

    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;

    public HttpServerOptions {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(limits, "limits");
        if (bodyLimit < 0) {
            throw new IllegalArgumentException("expected a body limit >= 0 but was " + bodyLimit);
        }
    }

    /** Plain connections, default limits, 1 MiB bodies, larger ones rejected with 413. */
    public static HttpServerOptions defaults() {
        return new HttpServerOptions(Options.defaults(), HttpLimits.defaults(), DEFAULT_BODY_LIMIT, false);
    }

    public HttpServerOptions withConnection(Options options) {
        return new HttpServerOptions(options, limits, bodyLimit, streamLargeBodies);
    }

    public HttpServerOptions withLimits(HttpLimits parserLimits) {
        return new HttpServerOptions(connection, parserLimits, bodyLimit, streamLargeBodies);
    }

    public HttpServerOptions withBodyLimit(long bytes) {
        return new HttpServerOptions(connection, limits, bytes, streamLargeBodies);
    }

    public HttpServerOptions withStreamLargeBodies(boolean stream) {
        return new HttpServerOptions(connection, limits, bodyLimit, stream);
    }
}
