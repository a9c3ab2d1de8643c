package dev.meerkat;

import dev.meerkat.tls.TlsContext;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-connection settings for {@link Manager#connect} and {@link Manager#listen} (a listener
 * passes them to the connections it accepts). Immutable; change with the {@code with...} methods.
 *
 * @param tls              TLS context, or null for plain TCP/UDP. {@code tls://} URLs need one on listen; on
 *                         connect a default client context is made when null.
 * @param receiveLimit     reading stops while this many received bytes wait unconsumed (backpressure)
 * @param sendLimit        {@link Connection#send} refuses data that would queue more than this
 * @param idleTimeout      close with ERROR after this long without reads or writes; ZERO turns it off
 * @param handshakeTimeout close with ERROR when connect plus TLS handshake take longer; ZERO turns it off
 */
public record Options(TlsContext tls, int receiveLimit, int sendLimit, Duration idleTimeout,
                      Duration handshakeTimeout) {

    public static final int DEFAULT_RECEIVE_LIMIT = 256 * 1024;
    public static final int DEFAULT_SEND_LIMIT = 1024 * 1024;

    public Options {
        if (receiveLimit < 1 || sendLimit < 1) {
            throw new IllegalArgumentException(
                    "limits must be positive but were receive=" + receiveLimit + " send=" + sendLimit);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    }

    /** Plain, 256 KiB receive limit, 1 MiB send limit, 5 minutes idle, 30 seconds handshake. */
    public static Options defaults() {
        return new Options(null, DEFAULT_RECEIVE_LIMIT, DEFAULT_SEND_LIMIT,
                Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    public Options withTls(TlsContext context) {
        return new Options(context, receiveLimit, sendLimit, idleTimeout, handshakeTimeout);
    }

    public Options withReceiveLimit(int bytes) {
        return new Options(tls, bytes, sendLimit, idleTimeout, handshakeTimeout);
    }

    public Options withSendLimit(int bytes) {
        return new Options(tls, receiveLimit, bytes, idleTimeout, handshakeTimeout);
    }

    public Options withIdleTimeout(Duration timeout) {
        return new Options(tls, receiveLimit, sendLimit, timeout, handshakeTimeout);
    }

    public Options withHandshakeTimeout(Duration timeout) {
        return new Options(tls, receiveLimit, sendLimit, idleTimeout, timeout);
    }
}
