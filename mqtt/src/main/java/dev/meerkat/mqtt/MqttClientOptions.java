package dev.meerkat.mqtt;

import dev.meerkat.Options;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

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

    /** Defaults: MQTT 3.1.1, a random client id, 60 s keep-alive, clean start, 20 in flight, reconnect 1 s to 30 s. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    public Builder toBuilder() {
        return b.copy();
    }

    public String url() { return b.url; }

    public MqttVersion version() { return b.version; }

    public String clientId() { return b.clientId; }

    /** Null when CONNECT carries no user name. */
    public String username() { return b.username; }

    /** Null when CONNECT carries no password. */
    public byte[] password() { return b.password == null ? null : b.password.clone(); }

    /** PINGREQ interval, sent in CONNECT; zero turns keep-alive off. */
    public Duration keepAlive() { return b.keepAlive; }

    /** Clean start (3.1.1: clean session): the broker drops the session at connect. */
    public boolean cleanStart() { return b.cleanStart; }

    /** MQTT 5 session expiry interval in seconds: how long the broker keeps the session after a disconnect. */
    public long sessionExpirySeconds() { return b.sessionExpirySeconds; }

    /** The message the broker publishes when this client vanishes without DISCONNECT; null for none. */
    public MqttMessage will() { return b.will; }

    /** Further MQTT 5 CONNECT properties. */
    public MqttProperties connectProperties() { return b.connectProperties; }

    /** QoS 1 and 2 publications awaiting acknowledgement at once; MQTT 5 lowers it to the broker's Receive Maximum. */
    public int maxInflight() { return b.maxInflight; }

    /** The largest packet accepted from the broker; MQTT 5 announces it in CONNECT. */
    public int maxPacketSize() { return b.maxPacketSize; }

    /** TCP connect, TLS handshake and CONNACK together. */
    public Duration connectTimeout() { return b.connectTimeout; }

    /** Reconnect after a lost connection, waiting {@link #minBackoff()} doubling to {@link #maxBackoff()}. */
    public boolean reconnect() { return b.reconnect; }

    public Duration minBackoff() { return b.minBackoff; }

    public Duration maxBackoff() { return b.maxBackoff; }

    /** Per-connection options of the core (buffers, TLS context). */
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

    public static final class Builder {
        private String url;
        private MqttVersion version = MqttVersion.V3_1_1;
        private String clientId = "meerkat-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        private String username;
        private byte[] password;
        private Duration keepAlive = Duration.ofSeconds(60);
        private boolean cleanStart = true;
        private long sessionExpirySeconds;
        private MqttMessage will;
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

        public Builder url(String url) { this.url = Objects.requireNonNull(url, "url"); return this; }

        public Builder version(MqttVersion version) { this.version = Objects.requireNonNull(version, "version"); return this; }

        public Builder clientId(String clientId) { this.clientId = Objects.requireNonNull(clientId, "clientId"); return this; }

        public Builder username(String username) { this.username = username; return this; }

        public Builder password(byte[] password) { this.password = password == null ? null : password.clone(); return this; }

        public Builder keepAlive(Duration keepAlive) { this.keepAlive = Objects.requireNonNull(keepAlive); return this; }

        public Builder cleanStart(boolean cleanStart) { this.cleanStart = cleanStart; return this; }

        public Builder sessionExpirySeconds(long seconds) { this.sessionExpirySeconds = seconds; return this; }

        public Builder will(MqttMessage will) { this.will = will; return this; }

        public Builder connectProperties(MqttProperties p) { this.connectProperties = Objects.requireNonNull(p); return this; }

        public Builder maxInflight(int maxInflight) { this.maxInflight = maxInflight; return this; }

        public Builder maxPacketSize(int maxPacketSize) { this.maxPacketSize = maxPacketSize; return this; }

        public Builder connectTimeout(Duration timeout) { this.connectTimeout = Objects.requireNonNull(timeout); return this; }

        public Builder reconnect(boolean reconnect) { this.reconnect = reconnect; return this; }

        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = Objects.requireNonNull(min);
            this.maxBackoff = Objects.requireNonNull(max);
            return this;
        }

        public Builder connection(Options connection) { this.connection = Objects.requireNonNull(connection); return this; }

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
