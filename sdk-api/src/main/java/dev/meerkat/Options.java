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
 * @param writeLowWatermark  a connection that was unwritable becomes writable when its queued bytes
 *                           fall to this ({@link Connection#isWritable()}, {@link Event.Writability})
 * @param writeHighWatermark a connection becomes unwritable when more bytes than this are queued
 */
public record Options(TlsContext tls, int receiveLimit, int sendLimit, Duration idleTimeout,
                      Duration handshakeTimeout, int writeLowWatermark, int writeHighWatermark) {

    public static final int DEFAULT_RECEIVE_LIMIT = 256 * 1024;
    public static final int DEFAULT_SEND_LIMIT = 1024 * 1024;
    public static final int DEFAULT_WRITE_LOW_WATERMARK = 32 * 1024;
    public static final int DEFAULT_WRITE_HIGH_WATERMARK = 64 * 1024;

    public Options {
        if (receiveLimit < 1 || sendLimit < 1) {
            throw new IllegalArgumentException(
                    "limits must be positive but were receive=" + receiveLimit + " send=" + sendLimit);
        }
        if (writeLowWatermark < 0 || writeHighWatermark < writeLowWatermark) {
            throw new IllegalArgumentException("expected 0 <= low <= high write watermarks but were low="
                    + writeLowWatermark + " high=" + writeHighWatermark);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    }

    /**
     * Plain, 256 KiB receive limit, 1 MiB send limit, 5 minutes idle, 30 seconds handshake, write
     * watermarks 32 KiB and 64 KiB.
     */
    public static Options defaults() {
        return new Options(null, DEFAULT_RECEIVE_LIMIT, DEFAULT_SEND_LIMIT, Duration.ofMinutes(5),
                Duration.ofSeconds(30), DEFAULT_WRITE_LOW_WATERMARK, DEFAULT_WRITE_HIGH_WATERMARK);
    }

    public Options withTls(TlsContext context) {
        return new Options(context, receiveLimit, sendLimit, idleTimeout, handshakeTimeout,
                writeLowWatermark, writeHighWatermark);
    }

    public Options withReceiveLimit(int bytes) {
        return new Options(tls, bytes, sendLimit, idleTimeout, handshakeTimeout,
                writeLowWatermark, writeHighWatermark);
    }

    public Options withSendLimit(int bytes) {
        return new Options(tls, receiveLimit, bytes, idleTimeout, handshakeTimeout,
                writeLowWatermark, writeHighWatermark);
    }

    public Options withIdleTimeout(Duration timeout) {
        return new Options(tls, receiveLimit, sendLimit, timeout, handshakeTimeout,
                writeLowWatermark, writeHighWatermark);
    }

    public Options withHandshakeTimeout(Duration timeout) {
        return new Options(tls, receiveLimit, sendLimit, idleTimeout, timeout,
                writeLowWatermark, writeHighWatermark);
    }

    /** Sets both write watermarks; see {@link Connection#isWritable()}. */
    public Options withWriteWatermarks(int low, int high) {
        return new Options(tls, receiveLimit, sendLimit, idleTimeout, handshakeTimeout, low, high);
    }
}
