package dev.meerkat.ws;

import dev.meerkat.Options;
import dev.meerkat.http.Headers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a WebSocket. Immutable; change with the {@code with...} methods.
 *
 * @param connection     connection options of a client (its TLS context is used for wss://; null
 *                       means the default provider's client context). A server's connections keep the
 *                       options of their {@link dev.meerkat.http.HttpServer}.
 * @param maxMessageSize the largest message received, fragments joined; a larger one fails the
 *                       connection with 1009. Also what a peer can make this side hold per connection:
 *                       a frame's array is sized from its header when its first payload bytes arrive
 * @param maxFrameSize   messages sent longer than this go out as fragments of this size
 * @param subprotocols   a client offers these; a server selects the first the client offered that is
 *                       in this list
 * @param headers        extra header fields of the handshake: the client's request (Origin,
 *                       Authorization...) or the server's 101
 * @param closeTimeout   how long to wait, once a close frame was sent, for the peer's close frame
 *                       and (on a client) for the server to close the TCP connection
 */
public record WsOptions(Options connection, int maxMessageSize, int maxFrameSize, List<String> subprotocols,
                        Headers headers, Duration closeTimeout) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

    public WsOptions {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        subprotocols = List.copyOf(subprotocols);
        if (maxMessageSize < 1 || maxFrameSize < 1) {
            throw new IllegalArgumentException("expected positive sizes but were maxMessageSize=" + maxMessageSize
                    + " maxFrameSize=" + maxFrameSize);
        }
    }

    /** Default connection options, 1 MiB messages, no fragmentation, no subprotocol, 5 seconds to close. */
    public static WsOptions defaults() {
        return new WsOptions(Options.defaults(), DEFAULT_MAX_MESSAGE_SIZE, Integer.MAX_VALUE, List.of(),
                Headers.empty(), Duration.ofSeconds(5));
    }

    public WsOptions withConnection(Options options) {
        return new WsOptions(options, maxMessageSize, maxFrameSize, subprotocols, headers, closeTimeout);
    }

    public WsOptions withMaxMessageSize(int bytes) {
        return new WsOptions(connection, bytes, maxFrameSize, subprotocols, headers, closeTimeout);
    }

    public WsOptions withMaxFrameSize(int bytes) {
        return new WsOptions(connection, maxMessageSize, bytes, subprotocols, headers, closeTimeout);
    }

    public WsOptions withSubprotocols(String... names) {
        return new WsOptions(connection, maxMessageSize, maxFrameSize, List.of(names), headers, closeTimeout);
    }

    public WsOptions withHeaders(Headers fields) {
        return new WsOptions(connection, maxMessageSize, maxFrameSize, subprotocols, fields, closeTimeout);
    }

    public WsOptions withCloseTimeout(Duration timeout) {
        return new WsOptions(connection, maxMessageSize, maxFrameSize, subprotocols, headers, timeout);
    }
}
