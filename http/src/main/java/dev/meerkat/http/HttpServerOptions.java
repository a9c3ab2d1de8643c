package dev.meerkat.http;

import dev.meerkat.Options;
import java.util.Objects;

/**
 * Settings of an {@link HttpServer}. Immutable; change one setting with a {@code with...} method,
 * several with {@link #toBuilder()}, or start from {@link #builder()}.
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
 * <p>A final class with a builder, like {@link Options}: a new setting is a new builder method and
 * callers keep compiling, which a record's canonical constructor does not allow.
 */
public final class HttpServerOptions {

    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;

    private final Options connection;
    private final HttpLimits limits;
    private final long bodyLimit;
    private final boolean bufferedBodies;

    private HttpServerOptions(Builder builder) {
        connection = Objects.requireNonNull(builder.connection, "connection");
        limits = Objects.requireNonNull(builder.limits, "limits");
        if (builder.bodyLimit < 0) {
            throw new IllegalArgumentException("expected a body limit >= 0 but was " + builder.bodyLimit);
        }
        bodyLimit = builder.bodyLimit;
        bufferedBodies = builder.bufferedBodies;
    }

    /** Plain connections, default limits, bodies streamed; a buffered body may have 1 MiB. */
    public static HttpServerOptions defaults() {
        return builder().build();
    }

    /** A builder holding {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Per-connection options (TLS context for https, limits, idle timeout). */
    public Options connection() {
        return connection;
    }

    /** Parser limits for request heads. */
    public HttpLimits limits() {
        return limits;
    }

    /** The largest body buffered for a {@link HttpEvent.Message}; streamed bodies have no limit. */
    public long bodyLimit() {
        return bodyLimit;
    }

    /**
     * True: every request arrives whole as a {@link HttpEvent.Message} (a handler can still call
     * {@link HttpExchange#streamBody()} during Head); false: bodies stream.
     */
    public boolean bufferedBodies() {
        return bufferedBodies;
    }

    public HttpServerOptions withConnection(Options options) {
        return toBuilder().connection(options).build();
    }

    public HttpServerOptions withLimits(HttpLimits parserLimits) {
        return toBuilder().limits(parserLimits).build();
    }

    public HttpServerOptions withBodyLimit(long bytes) {
        return toBuilder().bodyLimit(bytes).build();
    }

    /** True: requests arrive whole as {@link HttpEvent.Message}, bodies up to {@link #bodyLimit()}. */
    public HttpServerOptions withBufferedBodies(boolean buffered) {
        return toBuilder().bufferedBodies(buffered).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpServerOptions that
                && connection.equals(that.connection)
                && limits.equals(that.limits)
                && bodyLimit == that.bodyLimit
                && bufferedBodies == that.bufferedBodies;
    }

    @Override
    public int hashCode() {
        return Objects.hash(connection, limits, bodyLimit, bufferedBodies);
    }

    @Override
    public String toString() {
        return "HttpServerOptions[connection=" + connection + ", limits=" + limits + ", bodyLimit=" + bodyLimit
                + ", bufferedBodies=" + bufferedBodies + "]";
    }

    /** Collects settings for {@link HttpServerOptions}; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private Options connection = Options.defaults();
        private HttpLimits limits = HttpLimits.defaults();
        private long bodyLimit = DEFAULT_BODY_LIMIT;
        private boolean bufferedBodies;

        private Builder() {
        }

        private Builder(HttpServerOptions options) {
            connection = options.connection;
            limits = options.limits;
            bodyLimit = options.bodyLimit;
            bufferedBodies = options.bufferedBodies;
        }

        /** See {@link HttpServerOptions#connection()}. */
        public Builder connection(Options options) {
            connection = options;
            return this;
        }

        /** See {@link HttpServerOptions#limits()}. */
        public Builder limits(HttpLimits parserLimits) {
            limits = parserLimits;
            return this;
        }

        /** See {@link HttpServerOptions#bodyLimit()}. */
        public Builder bodyLimit(long bytes) {
            bodyLimit = bytes;
            return this;
        }

        /** See {@link HttpServerOptions#bufferedBodies()}. */
        public Builder bufferedBodies(boolean buffered) {
            bufferedBodies = buffered;
            return this;
        }

        /** New options from these settings. */
        public HttpServerOptions build() {
            return new HttpServerOptions(this);
        }
    }
}
