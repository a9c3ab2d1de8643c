package dev.meerkat.ws;

import dev.meerkat.Options;
import dev.meerkat.http.Headers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a WebSocket. Immutable; change one setting with a {@code with...} method, several with
 * {@link #toBuilder()}, or start from {@link #builder()}.
 *
 * <p>A final class with a builder, like {@link Options}: a new setting is a new builder method and
 * callers keep compiling, which a record's canonical constructor does not allow.
 */
public final class WsOptions {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

    private final Options connection;
    private final int maxMessageSize;
    private final int maxFrameSize;
    private final List<String> subprotocols;
    private final Headers headers;
    private final Duration closeTimeout;

    private WsOptions(Builder builder) {
        connection = Objects.requireNonNull(builder.connection, "connection");
        headers = Objects.requireNonNull(builder.headers, "headers");
        closeTimeout = Objects.requireNonNull(builder.closeTimeout, "closeTimeout");
        subprotocols = List.copyOf(builder.subprotocols);
        if (builder.maxMessageSize < 1 || builder.maxFrameSize < 1) {
            throw new IllegalArgumentException("expected positive sizes but were maxMessageSize="
                    + builder.maxMessageSize + " maxFrameSize=" + builder.maxFrameSize);
        }
        maxMessageSize = builder.maxMessageSize;
        maxFrameSize = builder.maxFrameSize;
    }

    /** Default connection options, 1 MiB messages, no fragmentation, no subprotocol, 5 seconds to close. */
    public static WsOptions defaults() {
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

    /**
     * Connection options of a client (its TLS context is used for wss://; null means the default
     * provider's client context). A server's connections keep the options of their
     * {@link dev.meerkat.http.HttpServer}.
     */
    public Options connection() {
        return connection;
    }

    /**
     * The largest message received, fragments joined; a larger one fails the connection with 1009.
     * Also what a peer can make this side hold per connection: a frame's array is sized from its
     * header when its first payload bytes arrive.
     */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** Messages sent longer than this go out as fragments of this size. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * A client offers these; a server selects the first the client offered that is in this list.
     * Unmodifiable.
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * Extra header fields of the handshake: the client's request (Origin, Authorization...) or the
     * server's 101.
     */
    public Headers headers() {
        return headers;
    }

    /**
     * How long to wait, once a close frame was sent, for the peer's close frame and (on a client) for
     * the server to close the TCP connection.
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    public WsOptions withConnection(Options options) {
        return toBuilder().connection(options).build();
    }

    public WsOptions withMaxMessageSize(int bytes) {
        return toBuilder().maxMessageSize(bytes).build();
    }

    public WsOptions withMaxFrameSize(int bytes) {
        return toBuilder().maxFrameSize(bytes).build();
    }

    public WsOptions withSubprotocols(String... names) {
        return toBuilder().subprotocols(names).build();
    }

    public WsOptions withHeaders(Headers fields) {
        return toBuilder().headers(fields).build();
    }

    public WsOptions withCloseTimeout(Duration timeout) {
        return toBuilder().closeTimeout(timeout).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WsOptions that
                && connection.equals(that.connection)
                && maxMessageSize == that.maxMessageSize
                && maxFrameSize == that.maxFrameSize
                && subprotocols.equals(that.subprotocols)
                && headers.equals(that.headers)
                && closeTimeout.equals(that.closeTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connection, maxMessageSize, maxFrameSize, subprotocols, headers, closeTimeout);
    }

    @Override
    public String toString() {
        return "WsOptions[connection=" + connection + ", maxMessageSize=" + maxMessageSize
                + ", maxFrameSize=" + maxFrameSize + ", subprotocols=" + subprotocols + ", headers=" + headers
                + ", closeTimeout=" + closeTimeout + "]";
    }

    /** Collects settings for {@link WsOptions}; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private Options connection = Options.defaults();
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxFrameSize = Integer.MAX_VALUE;
        private List<String> subprotocols = List.of();
        private Headers headers = Headers.empty();
        private Duration closeTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        private Builder(WsOptions options) {
            connection = options.connection;
            maxMessageSize = options.maxMessageSize;
            maxFrameSize = options.maxFrameSize;
            subprotocols = options.subprotocols;
            headers = options.headers;
            closeTimeout = options.closeTimeout;
        }

        /** See {@link WsOptions#connection()}. */
        public Builder connection(Options options) {
            connection = options;
            return this;
        }

        /** See {@link WsOptions#maxMessageSize()}. */
        public Builder maxMessageSize(int bytes) {
            maxMessageSize = bytes;
            return this;
        }

        /** See {@link WsOptions#maxFrameSize()}. */
        public Builder maxFrameSize(int bytes) {
            maxFrameSize = bytes;
            return this;
        }

        /** See {@link WsOptions#subprotocols()}. */
        public Builder subprotocols(String... names) {
            subprotocols = List.of(names);
            return this;
        }

        /** See {@link WsOptions#headers()}. */
        public Builder headers(Headers fields) {
            headers = fields;
            return this;
        }

        /** See {@link WsOptions#closeTimeout()}. */
        public Builder closeTimeout(Duration timeout) {
            closeTimeout = timeout;
            return this;
        }

        /** New options from these settings. */
        public WsOptions build() {
            return new WsOptions(this);
        }
    }
}
