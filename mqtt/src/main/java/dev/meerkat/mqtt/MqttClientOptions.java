package dev.meerkat.mqtt;

import dev.meerkat.Options;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Settings of an {@link MqttClient}. Immutable; start from {@link #builder(String)}, change with
 * {@link #toBuilder()}. A final class with a builder like {@link Options}, so a new setting is a
 * new builder method.
 *
 * <p>The URL is {@code mqtt://host[:1883]} or {@code mqtts://host[:8883]} (also {@code tcp://} and
 * {@code tls://}); over TLS the host name is the server name checked against the certificate, and
 * {@link Options#tls()} of {@link #connection()} is the client context (null: the default provider's).
 */
public final class MqttClientOptions {

    private final Builder b;

    private MqttClientOptions(Builder builder) {
        if (builder.maxInflight < 1 || builder.maxInflight > 65535) {
            throw new IllegalArgumentException("expected maxInflight 1 to 65535 but was " + builder.maxInflight);
        }
        if (builder.keepAlive.toSeconds() > 65535 || builder.keepAlive.isNegative()) {
            throw new IllegalArgumentException("expected a keep-alive of 0 to 65535 s but was " + builder.keepAlive);
        }
        if (builder.minBackoff.isZero() || builder.maxBackoff.compareTo(builder.minBackoff) < 0) {
            throw new IllegalArgumentException("expected 0 < minBackoff <= maxBackoff but were " + builder.minBackoff
                    + " and " + builder.maxBackoff);
        }
        transportUrl(builder.url);
        this.b = builder.copy();
    }

    /**
     * A builder for the broker at {@code url}. Defaults: MQTT 3.1.1, a random client id, 60 s
     * keep-alive, clean start, 20 in flight, a maximum packet of 1 MiB, a 30 s connect timeout,
     * reconnect after 1 s to 30 s.
     *
     * @param url {@code mqtt://host[:port]} or {@code mqtts://host[:port]} (also {@code tcp://}, {@code tls://})
     * @return a new builder; the URL is checked by {@link Builder#build()}
     * @throws NullPointerException if {@code url} is null
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * A builder holding these settings, to derive other options; changing it leaves these alone.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return b.copy();
    }

    /**
     * The broker's URL, as given to the builder.
     *
     * @return the URL, such as {@code mqtts://broker.example:8883}
     */
    public String url() { return b.url; }

    /**
     * The protocol version CONNECT asks for.
     *
     * @return 3.1.1 or 5.0
     */
    public MqttVersion version() { return b.version; }

    /**
     * The client identifier sent in CONNECT; the broker keeps a session under it.
     *
     * @return the identifier; may be empty, which MQTT 5 brokers answer with an assigned one
     */
    public String clientId() { return b.clientId; }

    /**
     * The user name CONNECT carries.
     *
     * @return the user name, or null when CONNECT carries none
     */
    public @Nullable String username() { return b.username; }

    /**
     * The password CONNECT carries.
     *
     * @return a copy of the password bytes, or null when CONNECT carries none
     */
    public byte @Nullable [] password() { return b.password == null ? null : b.password.clone(); }

    /**
     * The keep-alive interval, sent in CONNECT in whole seconds: the client sends PINGREQ when it
     * has sent nothing for that long, and the broker drops a client silent for one and a half times it.
     *
     * @return the interval, 0 to 65535 s; zero turns keep-alive off
     */
    public Duration keepAlive() { return b.keepAlive; }

    /**
     * Clean start (3.1.1: clean session): the broker drops any session it kept for the client id at connect.
     *
     * @return true to start with a fresh session
     */
    public boolean cleanStart() { return b.cleanStart; }

    /**
     * The MQTT 5 session expiry interval: how long the broker keeps the session after a disconnect.
     * Sent in CONNECT only when above 0; ignored on 3.1.1, where clean session alone decides.
     *
     * @return the interval in seconds; 0 ends the session with the connection
     */
    public long sessionExpirySeconds() { return b.sessionExpirySeconds; }

    /**
     * The will: the message the broker publishes when this client vanishes without DISCONNECT.
     *
     * @return the will, or null for none
     */
    public @Nullable MqttMessage will() { return b.will; }

    /**
     * Further MQTT 5 CONNECT properties; the client adds Maximum Packet Size and Session Expiry
     * Interval itself. Not sent on 3.1.1.
     *
     * @return the properties, {@link MqttProperties#EMPTY} by default; never null
     */
    public MqttProperties connectProperties() { return b.connectProperties; }

    /**
     * How many QoS 1 and 2 publications may await acknowledgement at once; later ones wait in the
     * session. MQTT 5 lowers it to the broker's Receive Maximum.
     *
     * @return the window, 1 to 65535
     */
    public int maxInflight() { return b.maxInflight; }

    /**
     * The largest packet accepted from the broker, fixed header included; a larger one closes the
     * connection with a protocol error. MQTT 5 announces it in CONNECT so the broker does not send one.
     *
     * @return the limit in bytes
     */
    public int maxPacketSize() { return b.maxPacketSize; }

    /**
     * How long a connection attempt may take: TCP connect, TLS handshake and CONNACK together.
     *
     * @return the timeout; an attempt that takes longer fails
     */
    public Duration connectTimeout() { return b.connectTimeout; }

    /**
     * Whether to reconnect after a lost connection, waiting {@link #minBackoff()} doubling to
     * {@link #maxBackoff()}. The first connect is never retried.
     *
     * @return true to reconnect
     */
    public boolean reconnect() { return b.reconnect; }

    /**
     * The first wait before a reconnect, doubled after each failed attempt.
     *
     * @return the shortest wait, above zero
     */
    public Duration minBackoff() { return b.minBackoff; }

    /**
     * The longest wait between reconnect attempts.
     *
     * @return the longest wait, at least {@link #minBackoff()}
     */
    public Duration maxBackoff() { return b.maxBackoff; }

    /**
     * Per-connection options of the core (buffers, TLS context); the handshake timeout is replaced
     * by {@link #connectTimeout()}.
     *
     * @return the core's options; never null
     */
    public Options connection() { return b.connection; }

    /** The core's URL of {@code url}: mqtt becomes tcp, mqtts becomes tls, with the default port. */
    static String transportUrl(String url) {
        URI uri = URI.create(url);
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
        boolean tls = scheme.equals("mqtts") || scheme.equals("tls") || scheme.equals("ssl");
        if (!tls && !scheme.equals("mqtt") && !scheme.equals("tcp") || uri.getHost() == null) {
            throw new IllegalArgumentException("expected mqtt://host[:port] or mqtts://host[:port] but was '" + url + "'");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 8883 : 1883;
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        return (tls ? "tls://" : "tcp://") + host + ":" + port;
    }

    /**
     * Collects the settings of {@link MqttClientOptions}; {@link #build()} checks them together. Not
     * thread-safe: fill it in on one thread.
     */
    public static final class Builder {
        private String url;
        private MqttVersion version = MqttVersion.V3_1_1;
        private String clientId = "meerkat-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        private @Nullable String username;
        private byte @Nullable [] password;
        private Duration keepAlive = Duration.ofSeconds(60);
        private boolean cleanStart = true;
        private long sessionExpirySeconds;
        private @Nullable MqttMessage will;
        private MqttProperties connectProperties = MqttProperties.EMPTY;
        private int maxInflight = 20;
        private int maxPacketSize = MqttParser.DEFAULT_MAX_PACKET_SIZE;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private boolean reconnect = true;
        private Duration minBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Options connection = Options.defaults();

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /**
         * Sets the broker's URL.
         *
         * @param url {@code mqtt://host[:port]} or {@code mqtts://host[:port]} (also {@code tcp://}, {@code tls://})
         * @return this builder
         * @throws NullPointerException if {@code url} is null
         */
        public Builder url(String url) { this.url = Objects.requireNonNull(url, "url"); return this; }

        /**
         * Sets the protocol version.
         *
         * @param version 3.1.1 (the default) or 5.0
         * @return this builder
         * @throws NullPointerException if {@code version} is null
         */
        public Builder version(MqttVersion version) { this.version = Objects.requireNonNull(version, "version"); return this; }

        /**
         * Sets the client identifier.
         *
         * @param clientId the identifier; empty asks an MQTT 5 broker to assign one
         * @return this builder
         * @throws NullPointerException if {@code clientId} is null
         */
        public Builder clientId(String clientId) { this.clientId = Objects.requireNonNull(clientId, "clientId"); return this; }

        /**
         * Sets the user name.
         *
         * @param username the user name, or null for none
         * @return this builder
         */
        public Builder username(@Nullable String username) { this.username = username; return this; }

        /**
         * Sets the password.
         *
         * @param password the password bytes, copied; null for none
         * @return this builder
         */
        public Builder password(byte @Nullable [] password) { this.password = password == null ? null : password.clone(); return this; }

        /**
         * Sets the keep-alive interval; sent in whole seconds.
         *
         * @param keepAlive 0 to 65535 s, zero for none (checked by {@link #build()})
         * @return this builder
         * @throws NullPointerException if {@code keepAlive} is null
         */
        public Builder keepAlive(Duration keepAlive) { this.keepAlive = Objects.requireNonNull(keepAlive); return this; }

        /**
         * Sets clean start (3.1.1: clean session).
         *
         * @param cleanStart true to drop any session the broker kept
         * @return this builder
         */
        public Builder cleanStart(boolean cleanStart) { this.cleanStart = cleanStart; return this; }

        /**
         * Sets the MQTT 5 session expiry interval.
         *
         * @param seconds how long the broker keeps the session after a disconnect, in seconds; 0 for not at all
         * @return this builder
         */
        public Builder sessionExpirySeconds(long seconds) { this.sessionExpirySeconds = seconds; return this; }

        /**
         * Sets the will.
         *
         * @param will the message the broker publishes when the client vanishes, or null for none
         * @return this builder
         */
        public Builder will(@Nullable MqttMessage will) { this.will = will; return this; }

        /**
         * Sets further MQTT 5 CONNECT properties.
         *
         * @param p the properties
         * @return this builder
         * @throws NullPointerException if {@code p} is null
         */
        public Builder connectProperties(MqttProperties p) { this.connectProperties = Objects.requireNonNull(p); return this; }

        /**
         * Sets how many QoS 1 and 2 publications may await acknowledgement at once.
         *
         * @param maxInflight 1 to 65535 (checked by {@link #build()})
         * @return this builder
         */
        public Builder maxInflight(int maxInflight) { this.maxInflight = maxInflight; return this; }

        /**
         * Sets the largest packet accepted from the broker.
         *
         * @param maxPacketSize the limit in bytes, fixed header included; at least 2, or connecting fails
         * @return this builder
         */
        public Builder maxPacketSize(int maxPacketSize) { this.maxPacketSize = maxPacketSize; return this; }

        /**
         * Sets how long a connection attempt may take, CONNACK included.
         *
         * @param timeout the timeout
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder connectTimeout(Duration timeout) { this.connectTimeout = Objects.requireNonNull(timeout); return this; }

        /**
         * Sets whether to reconnect after a lost connection.
         *
         * @param reconnect true to reconnect with backoff
         * @return this builder
         */
        public Builder reconnect(boolean reconnect) { this.reconnect = reconnect; return this; }

        /**
         * Sets the waits between reconnect attempts: {@code min} first, doubling up to {@code max}.
         *
         * @param min the first wait, above zero (checked by {@link #build()})
         * @param max the longest wait, at least {@code min} (checked by {@link #build()})
         * @return this builder
         * @throws NullPointerException if either is null
         */
        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = Objects.requireNonNull(min);
            this.maxBackoff = Objects.requireNonNull(max);
            return this;
        }

        /**
         * Sets the core's per-connection options (buffers, TLS context).
         *
         * @param connection the options
         * @return this builder
         * @throws NullPointerException if {@code connection} is null
         */
        public Builder connection(Options connection) { this.connection = Objects.requireNonNull(connection); return this; }

        /**
         * Checks the settings and makes the options; the builder may be reused.
         *
         * @return the options
         * @throws IllegalArgumentException if the URL is not an mqtt, mqtts, tcp or tls URL with a
         *     host, maxInflight is outside 1 to 65535, the keep-alive outside 0 to 65535 s, or the
         *     backoff not 0 &lt; min &lt;= max
         */
        public MqttClientOptions build() {
            return new MqttClientOptions(this);
        }

        private Builder copy() {
            Builder c = new Builder(url);
            c.version = version;
            c.clientId = clientId;
            c.username = username;
            c.password = password;
            c.keepAlive = keepAlive;
            c.cleanStart = cleanStart;
            c.sessionExpirySeconds = sessionExpirySeconds;
            c.will = will;
            c.connectProperties = connectProperties;
            c.maxInflight = maxInflight;
            c.maxPacketSize = maxPacketSize;
            c.connectTimeout = connectTimeout;
            c.reconnect = reconnect;
            c.minBackoff = minBackoff;
            c.maxBackoff = maxBackoff;
            c.connection = connection;
            return c;
        }
    }
}
