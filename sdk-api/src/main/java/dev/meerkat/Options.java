package dev.meerkat;

import dev.meerkat.tls.TlsContext;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Per-connection settings for {@link Manager#connect} and {@link Manager#listen} (a listener
 * passes them to the connections it accepts). Immutable; change one setting with a {@code with...}
 * method, several with {@link #toBuilder()}, or start from {@link #builder()}.
 *
 * <p>A final class behind a private constructor rather than a record, so that a new setting is a new
 * builder method and callers keep compiling; the builder reads better than a constructor of seven
 * arguments. {@code HttpClientOptions}, {@code HttpServerOptions} and {@code WsOptions} follow the
 * same pattern.
 */
public final class Options {

    /** The default {@link #receiveLimit()}: 256 KiB. */
    public static final int DEFAULT_RECEIVE_LIMIT = 256 * 1024;
    /** The default {@link #sendLimit()}: 1 MiB. */
    public static final int DEFAULT_SEND_LIMIT = 1024 * 1024;
    /** The default {@link #writeLowWatermark()}: 32 KiB. */
    public static final int DEFAULT_WRITE_LOW_WATERMARK = 32 * 1024;
    /** The default {@link #writeHighWatermark()}: 64 KiB. */
    public static final int DEFAULT_WRITE_HIGH_WATERMARK = 64 * 1024;

    private final @Nullable TlsContext tls;
    private final int receiveLimit;
    private final int sendLimit;
    private final Duration idleTimeout;
    private final Duration handshakeTimeout;
    private final int writeLowWatermark;
    private final int writeHighWatermark;

    private Options(Builder builder) {
        if (builder.receiveLimit < 1 || builder.sendLimit < 1) {
            throw new IllegalArgumentException("limits must be positive but were receive=" + builder.receiveLimit
                    + " send=" + builder.sendLimit);
        }
        if (builder.writeLowWatermark < 0 || builder.writeHighWatermark < builder.writeLowWatermark) {
            throw new IllegalArgumentException("expected 0 <= low <= high write watermarks but were low="
                    + builder.writeLowWatermark + " high=" + builder.writeHighWatermark);
        }
        tls = builder.tls;
        receiveLimit = builder.receiveLimit;
        sendLimit = builder.sendLimit;
        idleTimeout = Objects.requireNonNull(builder.idleTimeout, "idleTimeout");
        handshakeTimeout = Objects.requireNonNull(builder.handshakeTimeout, "handshakeTimeout");
        writeLowWatermark = builder.writeLowWatermark;
        writeHighWatermark = builder.writeHighWatermark;
    }

    /**
     * Plain, 256 KiB receive limit, 1 MiB send limit, 5 minutes idle, 30 seconds handshake, write
     * watermarks 32 KiB and 64 KiB.
     *
     * @return the default options
     */
    public static Options defaults() {
        return builder().build();
    }

    /** {@return a new builder holding {@link #defaults()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a new builder holding these options} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * TLS context, or null for plain TCP/UDP. {@code tls://} URLs need one on listen; on connect a
     * default client context is made when null.
     *
     * @return the TLS context, or null
     */
    public @Nullable TlsContext tls() {
        return tls;
    }

    /**
     * Reading stops while this many received bytes wait unconsumed (backpressure).
     *
     * @return the limit in bytes, at least 1
     */
    public int receiveLimit() {
        return receiveLimit;
    }

    /**
     * {@link Connection#send} refuses data that would queue more than this.
     *
     * @return the limit in bytes, at least 1
     */
    public int sendLimit() {
        return sendLimit;
    }

    /**
     * Close with ERROR after this long without reads or writes; ZERO turns it off.
     *
     * @return the idle timeout
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Close with ERROR when connect plus TLS handshake take longer; ZERO turns it off.
     *
     * @return the handshake timeout
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * A connection that was unwritable becomes writable when its queued bytes fall to this
     * ({@link Connection#isWritable()}, {@link Event.Writability}).
     *
     * @return the low watermark in bytes
     */
    public int writeLowWatermark() {
        return writeLowWatermark;
    }

    /**
     * A connection becomes unwritable when more bytes than this are queued.
     *
     * @return the high watermark in bytes
     */
    public int writeHighWatermark() {
        return writeHighWatermark;
    }

    /**
     * {@return a copy of these options with {@code context} as {@link #tls()}}
     *
     * @param context the TLS context, or null for plain TCP/UDP
     */
    public Options withTls(@Nullable TlsContext context) {
        return toBuilder().tls(context).build();
    }

    /**
     * {@return a copy of these options with {@code bytes} as {@link #receiveLimit()}}
     *
     * @param bytes the receive limit in bytes
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Options withReceiveLimit(int bytes) {
        return toBuilder().receiveLimit(bytes).build();
    }

    /**
     * {@return a copy of these options with {@code bytes} as {@link #sendLimit()}}
     *
     * @param bytes the send limit in bytes
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Options withSendLimit(int bytes) {
        return toBuilder().sendLimit(bytes).build();
    }

    /**
     * {@return a copy of these options with {@code timeout} as {@link #idleTimeout()}}
     *
     * @param timeout the idle timeout; {@link Duration#ZERO} turns it off
     */
    public Options withIdleTimeout(Duration timeout) {
        return toBuilder().idleTimeout(timeout).build();
    }

    /**
     * {@return a copy of these options with {@code timeout} as {@link #handshakeTimeout()}}
     *
     * @param timeout the handshake timeout; {@link Duration#ZERO} turns it off
     */
    public Options withHandshakeTimeout(Duration timeout) {
        return toBuilder().handshakeTimeout(timeout).build();
    }

    /**
     * Sets both write watermarks; see {@link Connection#isWritable()}.
     *
     * @param low  {@link #writeLowWatermark()} in bytes
     * @param high {@link #writeHighWatermark()} in bytes
     * @return a copy of these options with both watermarks
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    public Options withWriteWatermarks(int low, int high) {
        return toBuilder().writeWatermarks(low, high).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options that
                && Objects.equals(tls, that.tls)
                && receiveLimit == that.receiveLimit
                && sendLimit == that.sendLimit
                && idleTimeout.equals(that.idleTimeout)
                && handshakeTimeout.equals(that.handshakeTimeout)
                && writeLowWatermark == that.writeLowWatermark
                && writeHighWatermark == that.writeHighWatermark;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tls, receiveLimit, sendLimit, idleTimeout, handshakeTimeout,
                writeLowWatermark, writeHighWatermark);
    }

    @Override
    public String toString() {
        return "Options[tls=" + tls + ", receiveLimit=" + receiveLimit + ", sendLimit=" + sendLimit
                + ", idleTimeout=" + idleTimeout + ", handshakeTimeout=" + handshakeTimeout
                + ", writeLowWatermark=" + writeLowWatermark + ", writeHighWatermark=" + writeHighWatermark + "]";
    }

    /** Collects settings for {@link Options}; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private TlsContext tls;
        private int receiveLimit = DEFAULT_RECEIVE_LIMIT;
        private int sendLimit = DEFAULT_SEND_LIMIT;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private int writeLowWatermark = DEFAULT_WRITE_LOW_WATERMARK;
        private int writeHighWatermark = DEFAULT_WRITE_HIGH_WATERMARK;

        private Builder() {
        }

        private Builder(Options options) {
            tls = options.tls;
            receiveLimit = options.receiveLimit;
            sendLimit = options.sendLimit;
            idleTimeout = options.idleTimeout;
            handshakeTimeout = options.handshakeTimeout;
            writeLowWatermark = options.writeLowWatermark;
            writeHighWatermark = options.writeHighWatermark;
        }

        /**
         * See {@link Options#tls()}.
         *
         * @param context the TLS context, or null for plain TCP/UDP
         * @return this builder
         */
        public Builder tls(@Nullable TlsContext context) {
            tls = context;
            return this;
        }

        /**
         * See {@link Options#receiveLimit()}; {@link #build()} checks it.
         *
         * @param bytes the receive limit in bytes, at least 1
         * @return this builder
         */
        public Builder receiveLimit(int bytes) {
            receiveLimit = bytes;
            return this;
        }

        /**
         * See {@link Options#sendLimit()}; {@link #build()} checks it.
         *
         * @param bytes the send limit in bytes, at least 1
         * @return this builder
         */
        public Builder sendLimit(int bytes) {
            sendLimit = bytes;
            return this;
        }

        /**
         * See {@link Options#idleTimeout()}.
         *
         * @param timeout the idle timeout; {@link Duration#ZERO} turns it off
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            idleTimeout = timeout;
            return this;
        }

        /**
         * See {@link Options#handshakeTimeout()}.
         *
         * @param timeout the handshake timeout; {@link Duration#ZERO} turns it off
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            handshakeTimeout = timeout;
            return this;
        }

        /**
         * Sets both write watermarks, which {@link #build()} checks together: {@code 0 <= low <= high}.
         *
         * @param low  {@link Options#writeLowWatermark()} in bytes
         * @param high {@link Options#writeHighWatermark()} in bytes
         * @return this builder
         */
        public Builder writeWatermarks(int low, int high) {
            writeLowWatermark = low;
            writeHighWatermark = high;
            return this;
        }

        /**
         * New options from these settings.
         *
         * @return the options
         * @throws IllegalArgumentException when a limit is below 1, or the watermarks are not
         *                                  {@code 0 <= low <= high}
         * @throws NullPointerException     when a timeout is null
         */
        public Options build() {
            return new Options(this);
        }
    }
}
