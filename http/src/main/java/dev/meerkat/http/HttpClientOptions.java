package dev.meerkat.http;

import dev.meerkat.Options;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link HttpClient}.
 *
 * @param connection     per-connection options; its TLS context is used for https (null: the
 *                       default provider's client context)
 * @param limits         parser limits for response heads
 * @param maxPerHost     connections open at once to one scheme/host/port; more requests wait
 * @param idleTimeout    a pooled connection unused this long is closed
 * @param connectTimeout TCP connect plus TLS handshake
 * @param readTimeout    longest silence while a response is awaited or arrives
 * @param totalTimeout   longest time for a whole exchange, retry included
 * @param maxBodyBytes   {@link HttpClient#send(HttpClientRequest)} fails on longer bodies (stream them instead)
 */
public record HttpClientOptions(Options connection, HttpLimits limits, int maxPerHost, Duration idleTimeout,
                                Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                                long maxBodyBytes) {

    public HttpClientOptions {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        if (maxPerHost < 1 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("expected maxPerHost >= 1 and maxBodyBytes >= 0 but was "
                    + maxPerHost + " and " + maxBodyBytes);
        }
    }

    /** 6 connections per host, 30 s idle, 10 s connect, 30 s read, 60 s total, 64 MiB bodies. */
    public static HttpClientOptions defaults() {
        return new HttpClientOptions(Options.defaults(), HttpLimits.defaults(), 6, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 64L * 1024 * 1024);
    }

    public HttpClientOptions withConnection(Options options) {
        return new HttpClientOptions(options, limits, maxPerHost, idleTimeout, connectTimeout, readTimeout,
                totalTimeout, maxBodyBytes);
    }

    public HttpClientOptions withMaxPerHost(int connections) {
        return new HttpClientOptions(connection, limits, connections, idleTimeout, connectTimeout, readTimeout,
                totalTimeout, maxBodyBytes);
    }

    public HttpClientOptions withIdleTimeout(Duration timeout) {
        return new HttpClientOptions(connection, limits, maxPerHost, timeout, connectTimeout, readTimeout,
                totalTimeout, maxBodyBytes);
    }

    public HttpClientOptions withConnectTimeout(Duration timeout) {
        return new HttpClientOptions(connection, limits, maxPerHost, idleTimeout, timeout, readTimeout,
                totalTimeout, maxBodyBytes);
    }

    public HttpClientOptions withReadTimeout(Duration timeout) {
        return new HttpClientOptions(connection, limits, maxPerHost, idleTimeout, connectTimeout, timeout,
                totalTimeout, maxBodyBytes);
    }

    public HttpClientOptions withTotalTimeout(Duration timeout) {
        return new HttpClientOptions(connection, limits, maxPerHost, idleTimeout, connectTimeout, readTimeout,
                timeout, maxBodyBytes);
    }

    public HttpClientOptions withMaxBodyBytes(long bytes) {
        return new HttpClientOptions(connection, limits, maxPerHost, idleTimeout, connectTimeout, readTimeout,
                totalTimeout, bytes);
    }
}
