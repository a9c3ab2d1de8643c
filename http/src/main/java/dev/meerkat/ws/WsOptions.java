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

    /** The default {@link #maxMessageSize()}: 1 MiB, in bytes. */
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

    /**
     * Default connection options, 1 MiB messages, no fragmentation, no subprotocol, 5 seconds to close.
     *
     * @return the default options
     */
    public static WsOptions defaults() {
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
     * Connection options of a client (its TLS context is used for wss://; null means the default
     * provider's client context). A server's connections keep the options of their
     * {@link dev.meerkat.http.HttpServer}.
     *
     * @return a client's connection options
     */
    public Options connection() {
        return connection;
    }

    /**
     * The largest message received, fragments joined; a larger one fails the connection with 1009.
     * Also what a peer can make this side hold per connection: a frame's array is sized from its
     * header when its first payload bytes arrive.
     *
     * @return the limit in bytes, at least 1
     */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Messages sent longer than this go out as fragments of this size.
     *
     * @return the largest payload of one frame sent, in bytes, at least 1; {@link Integer#MAX_VALUE}
     *     (the default) sends every message as one frame
     */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * A client offers these; a server selects the first the client offered that is in this list.
     * Unmodifiable.
     *
     * @return the subprotocol names in order of preference, empty by default
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * Extra header fields of the handshake: the client's request (Origin, Authorization...) or the
     * server's 101.
     *
     * @return the extra fields, empty by default
     */
    public Headers headers() {
        return headers;
    }

    /**
     * How long to wait, once a close frame was sent, for the peer's close frame and (on a client) for
     * the server to close the TCP connection. When it runs out the connection is closed.
     *
     * @return the time
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * These options with another {@link #connection()}.
     *
     * @param options a client's connection options
     * @return new options
     */
    public WsOptions withConnection(Options options) {
        return toBuilder().connection(options).build();
    }

    /**
     * These options with another {@link #maxMessageSize()}.
     *
     * @param bytes the largest message received, at least 1
     * @return new options
     * @throws IllegalArgumentException when {@code bytes} is under 1
     */
    public WsOptions withMaxMessageSize(int bytes) {
        return toBuilder().maxMessageSize(bytes).build();
    }

    /**
     * These options with another {@link #maxFrameSize()}.
     *
     * @param bytes the largest frame payload sent, at least 1
     * @return new options
     * @throws IllegalArgumentException when {@code bytes} is under 1
     */
    public WsOptions withMaxFrameSize(int bytes) {
        return toBuilder().maxFrameSize(bytes).build();
    }

    /**
     * These options with other {@link #subprotocols()}.
     *
     * @param names subprotocol names in order of preference
     * @return new options
     */
    public WsOptions withSubprotocols(String... names) {
        return toBuilder().subprotocols(names).build();
    }

    /**
     * These options with other {@link #headers()}.
     *
     * @param fields extra header fields of the handshake
     * @return new options
     */
    public WsOptions withHeaders(Headers fields) {
        return toBuilder().headers(fields).build();
    }

    /**
     * These options with another {@link #closeTimeout()}.
     *
     * @param timeout the time to wait for the peer's side of the close
     * @return new options
     */
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

        /**
         * See {@link WsOptions#connection()}.
         *
         * @param options a client's connection options
         * @return this builder
         */
        public Builder connection(Options options) {
            connection = options;
            return this;
        }

        /**
         * See {@link WsOptions#maxMessageSize()}.
         *
         * @param bytes the largest message received; {@link #build()} wants at least 1
         * @return this builder
         */
        public Builder maxMessageSize(int bytes) {
            maxMessageSize = bytes;
            return this;
        }

        /**
         * See {@link WsOptions#maxFrameSize()}.
         *
         * @param bytes the largest frame payload sent; {@link #build()} wants at least 1
         * @return this builder
         */
        public Builder maxFrameSize(int bytes) {
            maxFrameSize = bytes;
            return this;
        }

        /**
         * See {@link WsOptions#subprotocols()}.
         *
         * @param names subprotocol names in order of preference
         * @return this builder
         * @throws NullPointerException when a name is null
         */
        public Builder subprotocols(String... names) {
            subprotocols = List.of(names);
            return this;
        }

        /**
         * See {@link WsOptions#headers()}.
         *
         * @param fields extra header fields of the handshake
         * @return this builder
         */
        public Builder headers(Headers fields) {
            headers = fields;
            return this;
        }

        /**
         * See {@link WsOptions#closeTimeout()}.
         *
         * @param timeout the time to wait for the peer's side of the close
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            closeTimeout = timeout;
            return this;
        }

        /**
         * New options from these settings.
         *
         * @return the options
         * @throws NullPointerException when a setting is null
         * @throws IllegalArgumentException when a size is under 1
         */
        public WsOptions build() {
            return new WsOptions(this);
        }
    }
}
