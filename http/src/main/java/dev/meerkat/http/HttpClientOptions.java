package dev.meerkat.http;

import dev.meerkat.Options;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link HttpClient}. Immutable; change one setting with a {@code with...} method,
 * several with {@link #toBuilder()}, or start from {@link #builder()}.
 *
 * <p>A final class with a builder, like {@link Options}: a new setting is a new builder method and
 * callers keep compiling, which a record's canonical constructor does not allow.
 */
public final class HttpClientOptions {

    private final Options connection;
    private final HttpLimits limits;
    private final int maxPerHost;
    private final Duration idleTimeout;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;
    private final long maxBodyBytes;
    private final String userAgent;
    private final int maxRedirects;
    private final boolean decompress;
    private final URI proxy;
    private final List<String> noProxy;

    private HttpClientOptions(Builder builder) {
        connection = Objects.requireNonNull(builder.connection, "connection");
        limits = Objects.requireNonNull(builder.limits, "limits");
        idleTimeout = Objects.requireNonNull(builder.idleTimeout, "idleTimeout");
        connectTimeout = Objects.requireNonNull(builder.connectTimeout, "connectTimeout");
        readTimeout = Objects.requireNonNull(builder.readTimeout, "readTimeout");
        totalTimeout = Objects.requireNonNull(builder.totalTimeout, "totalTimeout");
        if (builder.maxPerHost < 1 || builder.maxBodyBytes < 0) {
            throw new IllegalArgumentException("expected maxPerHost >= 1 and maxBodyBytes >= 0 but was "
                    + builder.maxPerHost + " and " + builder.maxBodyBytes);
        }
        maxPerHost = builder.maxPerHost;
        maxBodyBytes = builder.maxBodyBytes;
        userAgent = Objects.requireNonNull(builder.userAgent, "userAgent");
        if (builder.maxRedirects < 0) {
            throw new IllegalArgumentException("expected maxRedirects >= 0 but was " + builder.maxRedirects);
        }
        maxRedirects = builder.maxRedirects;
        decompress = builder.decompress;
        proxy = builder.proxy;
        noProxy = List.copyOf(builder.noProxy);
    }

    /**
     * 6 connections per host, 30 s idle, 10 s connect, 30 s read, 60 s total, 64 MiB bodies,
     * {@code User-Agent: meerkat/<version>}, no redirects followed, no decompression, no proxy.
     *
     * @return the default options
     */
    public static HttpClientOptions defaults() {
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
     * Per-connection options; its TLS context is used for https (null: the default provider's client
     * context).
     *
     * @return the options of each connection the client opens
     */
    public Options connection() {
        return connection;
    }

    /**
     * Parser limits for response heads.
     *
     * @return the limits; a response over them fails its request
     */
    public HttpLimits limits() {
        return limits;
    }

    /**
     * Connections open at once to one scheme/host/port; more requests wait.
     *
     * @return the connection count, at least 1
     */
    public int maxPerHost() {
        return maxPerHost;
    }

    /**
     * A pooled connection unused this long is closed.
     *
     * @return the idle time; zero keeps idle connections open
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Longest time for TCP connect plus TLS handshake.
     *
     * @return the time; zero turns it off
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Longest silence while a response is awaited or arrives.
     *
     * @return the time; zero turns it off
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Longest time for a whole exchange, retry included.
     *
     * @return the time; zero turns it off
     */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /**
     * {@link HttpClient#send(HttpClientRequest)} fails on longer bodies (stream them instead).
     *
     * @return the largest body in bytes, at least 0
     */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Sent as {@code User-Agent} unless a request has its own; empty sends none.
     * {@code meerkat/<version>} by default.
     *
     * @return the header value, possibly empty
     */
    public String userAgent() {
        return userAgent;
    }

    /**
     * Redirects (301, 302, 303, 307, 308 with a Location) followed per request, as curl's
     * {@code -L --max-redirs}; 0, the default, hands them to the caller. One more fails with
     * {@link HttpClientException.Kind#TOO_MANY_REDIRECTS}. See {@link Redirect} for methods and headers.
     *
     * @return the number of redirects followed, at least 0
     */
    public int maxRedirects() {
        return maxRedirects;
    }

    /**
     * Asks for compressed responses ({@code Accept-Encoding: gzip, deflate}, unless a request has its
     * own) and decodes gzip and deflate bodies as they arrive, as curl's {@code --compressed}: the
     * listener gets the decoded bytes and a head without Content-Encoding and Content-Length. Off by
     * default.
     *
     * @return true when responses are asked for compressed and decoded
     */
    public boolean decompress() {
        return decompress;
    }

    /**
     * The HTTP proxy every request goes through ({@code http://host:port}), as curl's {@code -x};
     * null, the default, for none. https requests get a CONNECT tunnel, TLS with the origin inside
     * it (the host name checked as without a proxy); http requests go to the proxy in absolute form.
     *
     * @return the proxy URL, or null for none
     */
    public URI proxy() {
        return proxy;
    }

    /**
     * Hosts reached without the proxy, as curl's {@code --noproxy} and {@code no_proxy}: a name
     * matches itself and its subdomains (a leading dot is ignored), {@code *} matches every host.
     * Empty by default.
     *
     * @return the host patterns, unmodifiable
     */
    public List<String> noProxy() {
        return noProxy;
    }

    /** True when requests to {@code host} go through {@link #proxy()}. */
    boolean proxies(String host) {
        return proxy != null && noProxy.stream().noneMatch(pattern -> NoProxy.matches(pattern, host));
    }

    /**
     * These options with another {@link #connection()}.
     *
     * @param options the per-connection options
     * @return new options
     */
    public HttpClientOptions withConnection(Options options) {
        return toBuilder().connection(options).build();
    }

    /**
     * These options with another {@link #maxPerHost()}.
     *
     * @param connections connections per host, at least 1
     * @return new options
     * @throws IllegalArgumentException when {@code connections} is under 1
     */
    public HttpClientOptions withMaxPerHost(int connections) {
        return toBuilder().maxPerHost(connections).build();
    }

    /**
     * These options with another {@link #idleTimeout()}.
     *
     * @param timeout the idle time; zero keeps idle connections open
     * @return new options
     */
    public HttpClientOptions withIdleTimeout(Duration timeout) {
        return toBuilder().idleTimeout(timeout).build();
    }

    /**
     * These options with another {@link #connectTimeout()}.
     *
     * @param timeout the time for connect plus handshake; zero turns it off
     * @return new options
     */
    public HttpClientOptions withConnectTimeout(Duration timeout) {
        return toBuilder().connectTimeout(timeout).build();
    }

    /**
     * These options with another {@link #readTimeout()}.
     *
     * @param timeout the longest silence; zero turns it off
     * @return new options
     */
    public HttpClientOptions withReadTimeout(Duration timeout) {
        return toBuilder().readTimeout(timeout).build();
    }

    /**
     * These options with another {@link #totalTimeout()}.
     *
     * @param timeout the time for a whole exchange; zero turns it off
     * @return new options
     */
    public HttpClientOptions withTotalTimeout(Duration timeout) {
        return toBuilder().totalTimeout(timeout).build();
    }

    /**
     * These options with another {@link #maxBodyBytes()}.
     *
     * @param bytes the largest collected body, at least 0
     * @return new options
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public HttpClientOptions withMaxBodyBytes(long bytes) {
        return toBuilder().maxBodyBytes(bytes).build();
    }

    /**
     * These options with another {@link #userAgent()}.
     *
     * @param value the header value; empty sends none
     * @return new options
     */
    public HttpClientOptions withUserAgent(String value) {
        return toBuilder().userAgent(value).build();
    }

    /**
     * These options with another {@link #maxRedirects()}.
     *
     * @param redirects redirects followed per request; 0 hands them to the caller
     * @return new options
     * @throws IllegalArgumentException when {@code redirects} is negative
     */
    public HttpClientOptions withMaxRedirects(int redirects) {
        return toBuilder().maxRedirects(redirects).build();
    }

    /**
     * These options with another {@link #decompress()}.
     *
     * @param on true to ask for and decode gzip and deflate bodies
     * @return new options
     */
    public HttpClientOptions withDecompress(boolean on) {
        return toBuilder().decompress(on).build();
    }

    /**
     * These options with another {@link #proxy()}.
     *
     * @param url {@code http://host[:port]}, or null for none
     * @return new options
     * @throws IllegalArgumentException for another scheme or no host
     */
    public HttpClientOptions withProxy(String url) {
        return toBuilder().proxy(url).build();
    }

    /**
     * These options with another {@link #noProxy()}.
     *
     * @param hosts host patterns reached without the proxy; copied
     * @return new options
     */
    public HttpClientOptions withNoProxy(List<String> hosts) {
        return toBuilder().noProxy(hosts).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpClientOptions that
                && connection.equals(that.connection)
                && limits.equals(that.limits)
                && maxPerHost == that.maxPerHost
                && idleTimeout.equals(that.idleTimeout)
                && connectTimeout.equals(that.connectTimeout)
                && readTimeout.equals(that.readTimeout)
                && totalTimeout.equals(that.totalTimeout)
                && maxBodyBytes == that.maxBodyBytes
                && userAgent.equals(that.userAgent)
                && maxRedirects == that.maxRedirects
                && decompress == that.decompress
                && Objects.equals(proxy, that.proxy)
                && noProxy.equals(that.noProxy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connection, limits, maxPerHost, idleTimeout, connectTimeout, readTimeout,
                totalTimeout, maxBodyBytes, userAgent, maxRedirects, decompress, proxy, noProxy);
    }

    @Override
    public String toString() {
        return "HttpClientOptions[connection=" + connection + ", limits=" + limits + ", maxPerHost=" + maxPerHost
                + ", idleTimeout=" + idleTimeout + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", totalTimeout=" + totalTimeout
                + ", maxBodyBytes=" + maxBodyBytes + ", userAgent=" + userAgent
                + ", maxRedirects=" + maxRedirects + ", decompress=" + decompress
                + ", proxy=" + proxy + ", noProxy=" + noProxy + "]";
    }

    /** Collects settings for {@link HttpClientOptions}; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private Options connection = Options.defaults();
        private HttpLimits limits = HttpLimits.defaults();
        private int maxPerHost = 6;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration totalTimeout = Duration.ofSeconds(60);
        private long maxBodyBytes = 64L * 1024 * 1024;
        private String userAgent = UserAgent.DEFAULT;
        private int maxRedirects;
        private boolean decompress;
        private URI proxy;
        private List<String> noProxy = List.of();

        private Builder() {
        }

        private Builder(HttpClientOptions options) {
            connection = options.connection;
            limits = options.limits;
            maxPerHost = options.maxPerHost;
            idleTimeout = options.idleTimeout;
            connectTimeout = options.connectTimeout;
            readTimeout = options.readTimeout;
            totalTimeout = options.totalTimeout;
            maxBodyBytes = options.maxBodyBytes;
            userAgent = options.userAgent;
            maxRedirects = options.maxRedirects;
            decompress = options.decompress;
            proxy = options.proxy;
            noProxy = options.noProxy;
        }

        /**
         * See {@link HttpClientOptions#connection()}.
         *
         * @param options the per-connection options
         * @return this builder
         */
        public Builder connection(Options options) {
            connection = options;
            return this;
        }

        /**
         * See {@link HttpClientOptions#limits()}.
         *
         * @param parserLimits limits for response heads
         * @return this builder
         */
        public Builder limits(HttpLimits parserLimits) {
            limits = parserLimits;
            return this;
        }

        /**
         * See {@link HttpClientOptions#maxPerHost()}.
         *
         * @param connections connections per host; {@link #build()} wants at least 1
         * @return this builder
         */
        public Builder maxPerHost(int connections) {
            maxPerHost = connections;
            return this;
        }

        /**
         * See {@link HttpClientOptions#idleTimeout()}.
         *
         * @param timeout the idle time; zero keeps idle connections open
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            idleTimeout = timeout;
            return this;
        }

        /**
         * See {@link HttpClientOptions#connectTimeout()}.
         *
         * @param timeout the time for connect plus handshake; zero turns it off
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            connectTimeout = timeout;
            return this;
        }

        /**
         * See {@link HttpClientOptions#readTimeout()}.
         *
         * @param timeout the longest silence; zero turns it off
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            readTimeout = timeout;
            return this;
        }

        /**
         * See {@link HttpClientOptions#totalTimeout()}.
         *
         * @param timeout the time for a whole exchange; zero turns it off
         * @return this builder
         */
        public Builder totalTimeout(Duration timeout) {
            totalTimeout = timeout;
            return this;
        }

        /**
         * See {@link HttpClientOptions#maxBodyBytes()}.
         *
         * @param bytes the largest collected body; {@link #build()} wants at least 0
         * @return this builder
         */
        public Builder maxBodyBytes(long bytes) {
            maxBodyBytes = bytes;
            return this;
        }

        /**
         * See {@link HttpClientOptions#userAgent()}.
         *
         * @param value the header value; empty sends none
         * @return this builder
         */
        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        /**
         * See {@link HttpClientOptions#maxRedirects()}.
         *
         * @param redirects redirects followed per request; {@link #build()} wants at least 0
         * @return this builder
         */
        public Builder maxRedirects(int redirects) {
            maxRedirects = redirects;
            return this;
        }

        /**
         * See {@link HttpClientOptions#decompress()}.
         *
         * @param on true to ask for and decode gzip and deflate bodies
         * @return this builder
         */
        public Builder decompress(boolean on) {
            decompress = on;
            return this;
        }

        /**
         * See {@link HttpClientOptions#proxy()}: {@code http://host[:port]} (port 80 by default), or null.
         *
         * @param url the proxy URL, or null for none
         * @return this builder
         * @throws IllegalArgumentException for another scheme or no host
         */
        public Builder proxy(String url) {
            if (url == null) {
                proxy = null;
                return this;
            }
            URI parsed = Urls.parse(url);
            if (!"http".equalsIgnoreCase(parsed.getScheme())) {
                throw new IllegalArgumentException("expected an http:// proxy URL but was " + url);
            }
            proxy = parsed;
            return this;
        }

        /**
         * See {@link HttpClientOptions#noProxy()}.
         *
         * @param hosts host patterns reached without the proxy; copied
         * @return this builder
         */
        public Builder noProxy(List<String> hosts) {
            noProxy = List.copyOf(hosts);
            return this;
        }

        /**
         * New options from these settings.
         *
         * @return the options
         * @throws NullPointerException when a setting other than the proxy is null
         * @throws IllegalArgumentException when a count or size is out of range
         */
        public HttpClientOptions build() {
            return new HttpClientOptions(this);
        }
    }
}
