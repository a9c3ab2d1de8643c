package dev.meerkat.http;

import dev.meerkat.Options;
import java.time.Duration;
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
 * <p>Limits on slow and greedy clients, each a {@link Duration} where {@link Duration#ZERO} turns it
 * off (nginx's names in brackets):
 * <table>
 * <caption>Server limits</caption>
 * <tr><th>setting</th><th>default</th><th>what happens when it is exceeded</th></tr>
 * <tr><td>{@link #headTimeout()} (client_header_timeout)</td><td>30 s</td><td>a request head not
 * complete this long after its first byte (for the first request: after the accept, or after the
 * TLS handshake, which has {@link Options#handshakeTimeout()}): 408 and close, or a plain close when
 * not one byte came</td></tr>
 * <tr><td>{@link #bodyTimeout()} (client_body_timeout)</td><td>60 s</td><td>no request body bytes
 * for this long: 408 if no reply began, then close</td></tr>
 * <tr><td>{@link #minBodyRate()}, {@link #minBodyRateGrace()} (Kestrel's MinRequestBodyDataRate)</td>
 * <td>off (0 bytes/s); 5 s grace</td><td>a request body that, once the grace period has passed since
 * it began, has come at fewer bytes per second on average: 408 if no reply began, then close. Time
 * spent waiting for the client to take a response (an echo) does not count</td></tr>
 * <tr><td>{@link #sendTimeout()} (send_timeout)</td><td>60 s</td><td>queued response bytes and none
 * taken by the client for this long: close</td></tr>
 * <tr><td>{@link #keepAliveTimeout()} (keepalive_timeout)</td><td>75 s</td><td>no next request this
 * long after a response went out: close</td></tr>
 * <tr><td>{@link #lingeringTime()}, {@link #lingeringTimeout()} (lingering_time,
 * lingering_timeout)</td><td>30 s, 5 s</td><td>after an answer that leaves the request unread (an
 * error, or a reply before the body), the server sends it, half-closes, and reads and discards what
 * the client still sends for at most this long in all, and this long without a byte, so that a
 * client still sending reads the answer instead of a reset ({@code Connection.lingeringClose});
 * then it closes. Zero lingering time: a plain close</td></tr>
 * <tr><td>{@link #maxConnections()} (worker_connections)</td><td>10,000</td><td>a connection over
 * the cap gets {@code 503} with {@code Connection: close} and {@code Retry-After: 1}, and is closed
 * without its request being read; over TLS it is closed at once, before any handshake</td></tr>
 * </table>
 * The handler's own time (after a request was read, before its reply is queued) has no limit here;
 * the connection's {@link Options#idleTimeout()} still applies.
 *
 * <p>A final class with a builder, like {@link Options}: a new setting is a new builder method and
 * callers keep compiling, which a record's canonical constructor does not allow.
 */
public final class HttpServerOptions {

    /** The default {@link #bodyLimit()}: 1 MiB, in bytes. */
    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;
    /** The default {@link #maxConnections()}: 10,000. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    private final Options connection;
    private final HttpLimits limits;
    private final long bodyLimit;
    private final boolean bufferedBodies;
    private final Duration headTimeout;
    private final Duration bodyTimeout;
    private final Duration sendTimeout;
    private final Duration keepAliveTimeout;
    private final long minBodyRate;
    private final Duration minBodyRateGrace;
    private final Duration lingeringTime;
    private final Duration lingeringTimeout;
    private final int maxConnections;

    private HttpServerOptions(Builder builder) {
        connection = Objects.requireNonNull(builder.connection, "connection");
        limits = Objects.requireNonNull(builder.limits, "limits");
        if (builder.bodyLimit < 0) {
            throw new IllegalArgumentException("expected a body limit >= 0 but was " + builder.bodyLimit);
        }
        bodyLimit = builder.bodyLimit;
        bufferedBodies = builder.bufferedBodies;
        headTimeout = checked(builder.headTimeout, "headTimeout");
        bodyTimeout = checked(builder.bodyTimeout, "bodyTimeout");
        sendTimeout = checked(builder.sendTimeout, "sendTimeout");
        keepAliveTimeout = checked(builder.keepAliveTimeout, "keepAliveTimeout");
        if (builder.minBodyRate < 0) {
            throw new IllegalArgumentException("expected minBodyRate >= 0 but was " + builder.minBodyRate);
        }
        minBodyRate = builder.minBodyRate;
        minBodyRateGrace = checked(builder.minBodyRateGrace, "minBodyRateGrace");
        lingeringTime = checked(builder.lingeringTime, "lingeringTime");
        lingeringTimeout = checked(builder.lingeringTimeout, "lingeringTimeout");
        if (builder.maxConnections < 1) {
            throw new IllegalArgumentException("expected maxConnections >= 1 but was " + builder.maxConnections);
        }
        maxConnections = builder.maxConnections;
    }

    private static Duration checked(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("expected " + name + " >= 0 but was " + timeout);
        }
        return timeout;
    }

    /**
     * Plain connections, default limits, bodies streamed; a buffered body may have 1 MiB.
     *
     * @return the default options
     */
    public static HttpServerOptions defaults() {
        return builder().build();
    }

    /**
     * A builder holding {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options; changing it leaves these options as they are.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Per-connection options (TLS context for https, limits, idle timeout).
     *
     * @return the options of each accepted connection
     */
    public Options connection() {
        return connection;
    }

    /**
     * Parser limits for request heads.
     *
     * @return the limits; a request over them is answered with an error status and the connection closes
     */
    public HttpLimits limits() {
        return limits;
    }

    /**
     * The largest body buffered for a {@link HttpEvent.Message}; streamed bodies have no limit.
     *
     * @return the limit in bytes, at least 0
     */
    public long bodyLimit() {
        return bodyLimit;
    }

    /**
     * True: every request arrives whole as a {@link HttpEvent.Message} (a handler can still call
     * {@link HttpExchange#streamBody()} during Head); false: bodies stream.
     *
     * @return whether bodies are buffered by default
     */
    public boolean bufferedBodies() {
        return bufferedBodies;
    }

    /**
     * How long a request head may take from its first byte (the first: from the accept or the TLS
     * handshake).
     *
     * @return the time; zero turns it off
     */
    public Duration headTimeout() {
        return headTimeout;
    }

    /**
     * The longest pause between two pieces of a request body.
     *
     * @return the time; zero turns it off
     */
    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    /**
     * How long queued response bytes may wait for a client that takes none of them.
     *
     * @return the time; zero turns it off
     */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /**
     * How long a connection may wait for its next request once a response went out.
     *
     * @return the time; zero turns it off
     */
    public Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    /**
     * The slowest average request body rate after the grace period; a slower body gets 408.
     *
     * @return bytes per second; 0 turns the check off
     */
    public long minBodyRate() {
        return minBodyRate;
    }

    /**
     * How long a request body may come slower than {@link #minBodyRate()}, from its start.
     *
     * @return the grace period
     */
    public Duration minBodyRateGrace() {
        return minBodyRateGrace;
    }

    /**
     * How long a lingering close reads and discards the client's input in all, after an answer that
     * left the request unread.
     *
     * @return the time; zero turns lingering off
     */
    public Duration lingeringTime() {
        return lingeringTime;
    }

    /**
     * How long a lingering close waits for more of the client's input before it closes.
     *
     * @return the time
     */
    public Duration lingeringTimeout() {
        return lingeringTimeout;
    }

    /**
     * Open connections this server keeps, upgraded ones included; more are refused with 503.
     *
     * @return the connection count, at least 1
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * These options with another {@link #connection()}.
     *
     * @param options the per-connection options
     * @return new options
     */
    public HttpServerOptions withConnection(Options options) {
        return toBuilder().connection(options).build();
    }

    /**
     * These options with other {@link #limits()}.
     *
     * @param parserLimits limits for request heads
     * @return new options
     */
    public HttpServerOptions withLimits(HttpLimits parserLimits) {
        return toBuilder().limits(parserLimits).build();
    }

    /**
     * These options with another {@link #bodyLimit()}.
     *
     * @param bytes the largest buffered body, at least 0
     * @return new options
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public HttpServerOptions withBodyLimit(long bytes) {
        return toBuilder().bodyLimit(bytes).build();
    }

    /**
     * These options with another {@link #bufferedBodies()}.
     *
     * @param buffered true: requests arrive whole as {@link HttpEvent.Message}, bodies up to
     *     {@link #bodyLimit()}; false: bodies stream
     * @return new options
     */
    public HttpServerOptions withBufferedBodies(boolean buffered) {
        return toBuilder().bufferedBodies(buffered).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpServerOptions that
                && connection.equals(that.connection)
                && limits.equals(that.limits)
                && bodyLimit == that.bodyLimit
                && bufferedBodies == that.bufferedBodies
                && headTimeout.equals(that.headTimeout)
                && bodyTimeout.equals(that.bodyTimeout)
                && sendTimeout.equals(that.sendTimeout)
                && keepAliveTimeout.equals(that.keepAliveTimeout)
                && minBodyRate == that.minBodyRate
                && minBodyRateGrace.equals(that.minBodyRateGrace)
                && lingeringTime.equals(that.lingeringTime)
                && lingeringTimeout.equals(that.lingeringTimeout)
                && maxConnections == that.maxConnections;
    }

    @Override
    public int hashCode() {
        return Objects.hash(connection, limits, bodyLimit, bufferedBodies, headTimeout, bodyTimeout, sendTimeout,
                keepAliveTimeout, minBodyRate, minBodyRateGrace, lingeringTime, lingeringTimeout, maxConnections);
    }

    @Override
    public String toString() {
        return "HttpServerOptions[connection=" + connection + ", limits=" + limits + ", bodyLimit=" + bodyLimit
                + ", bufferedBodies=" + bufferedBodies + ", headTimeout=" + headTimeout + ", bodyTimeout="
                + bodyTimeout + ", sendTimeout=" + sendTimeout + ", keepAliveTimeout=" + keepAliveTimeout
                + ", minBodyRate=" + minBodyRate + ", minBodyRateGrace=" + minBodyRateGrace
                + ", lingeringTime=" + lingeringTime + ", lingeringTimeout=" + lingeringTimeout
                + ", maxConnections=" + maxConnections + "]";
    }

    /** Collects settings for {@link HttpServerOptions}; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private Options connection = Options.defaults();
        private HttpLimits limits = HttpLimits.defaults();
        private long bodyLimit = DEFAULT_BODY_LIMIT;
        private boolean bufferedBodies;
        private Duration headTimeout = Duration.ofSeconds(30);
        private Duration bodyTimeout = Duration.ofSeconds(60);
        private Duration sendTimeout = Duration.ofSeconds(60);
        private Duration keepAliveTimeout = Duration.ofSeconds(75);
        private long minBodyRate;
        private Duration minBodyRateGrace = Duration.ofSeconds(5);
        private Duration lingeringTime = Duration.ofSeconds(30);
        private Duration lingeringTimeout = Duration.ofSeconds(5);
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder() {
        }

        private Builder(HttpServerOptions options) {
            connection = options.connection;
            limits = options.limits;
            bodyLimit = options.bodyLimit;
            bufferedBodies = options.bufferedBodies;
            headTimeout = options.headTimeout;
            bodyTimeout = options.bodyTimeout;
            sendTimeout = options.sendTimeout;
            keepAliveTimeout = options.keepAliveTimeout;
            minBodyRate = options.minBodyRate;
            minBodyRateGrace = options.minBodyRateGrace;
            lingeringTime = options.lingeringTime;
            lingeringTimeout = options.lingeringTimeout;
            maxConnections = options.maxConnections;
        }

        /**
         * See {@link HttpServerOptions#connection()}.
         *
         * @param options the per-connection options
         * @return this builder
         */
        public Builder connection(Options options) {
            connection = options;
            return this;
        }

        /**
         * See {@link HttpServerOptions#limits()}.
         *
         * @param parserLimits limits for request heads
         * @return this builder
         */
        public Builder limits(HttpLimits parserLimits) {
            limits = parserLimits;
            return this;
        }

        /**
         * See {@link HttpServerOptions#bodyLimit()}.
         *
         * @param bytes the largest buffered body; {@link #build()} wants at least 0
         * @return this builder
         */
        public Builder bodyLimit(long bytes) {
            bodyLimit = bytes;
            return this;
        }

        /**
         * See {@link HttpServerOptions#bufferedBodies()}.
         *
         * @param buffered true to buffer every body by default
         * @return this builder
         */
        public Builder bufferedBodies(boolean buffered) {
            bufferedBodies = buffered;
            return this;
        }

        /**
         * See {@link HttpServerOptions#headTimeout()}.
         *
         * @param timeout the time; zero turns it off, {@link #build()} refuses a negative one
         * @return this builder
         */
        public Builder headTimeout(Duration timeout) {
            headTimeout = timeout;
            return this;
        }

        /**
         * See {@link HttpServerOptions#bodyTimeout()}.
         *
         * @param timeout the time; zero turns it off, {@link #build()} refuses a negative one
         * @return this builder
         */
        public Builder bodyTimeout(Duration timeout) {
            bodyTimeout = timeout;
            return this;
        }

        /**
         * See {@link HttpServerOptions#sendTimeout()}.
         *
         * @param timeout the time; zero turns it off, {@link #build()} refuses a negative one
         * @return this builder
         */
        public Builder sendTimeout(Duration timeout) {
            sendTimeout = timeout;
            return this;
        }

        /**
         * See {@link HttpServerOptions#keepAliveTimeout()}.
         *
         * @param timeout the time; zero turns it off, {@link #build()} refuses a negative one
         * @return this builder
         */
        public Builder keepAliveTimeout(Duration timeout) {
            keepAliveTimeout = timeout;
            return this;
        }

        /**
         * See {@link HttpServerOptions#minBodyRate()} and {@link HttpServerOptions#minBodyRateGrace()}.
         *
         * @param bytesPerSecond the slowest average rate; 0 turns the check off
         * @param grace          how long from the body's start a slower rate is allowed
         * @return this builder
         */
        public Builder minBodyRate(long bytesPerSecond, Duration grace) {
            minBodyRate = bytesPerSecond;
            minBodyRateGrace = grace;
            return this;
        }

        /**
         * See {@link HttpServerOptions#lingeringTime()} and {@link HttpServerOptions#lingeringTimeout()}.
         *
         * @param time    the longest lingering in all; zero turns lingering off
         * @param timeout the longest wait for the client's next byte while lingering
         * @return this builder
         */
        public Builder lingeringClose(Duration time, Duration timeout) {
            lingeringTime = time;
            lingeringTimeout = timeout;
            return this;
        }

        /**
         * See {@link HttpServerOptions#maxConnections()}.
         *
         * @param connections open connections kept; {@link #build()} wants at least 1
         * @return this builder
         */
        public Builder maxConnections(int connections) {
            maxConnections = connections;
            return this;
        }

        /**
         * New options from these settings.
         *
         * @return the options
         * @throws NullPointerException when a setting is null
         * @throws IllegalArgumentException when a limit, count or timeout is negative, or
         *     {@code maxConnections} is under 1
         */
        public HttpServerOptions build() {
            return new HttpServerOptions(this);
        }
    }
}
