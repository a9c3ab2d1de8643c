package dev.meerkat.cli;

import dev.meerkat.http.HttpClientOptions;
import dev.meerkat.tls.TlsContext;
import java.time.Duration;

/**
 * The client of {@code get}: redirects followed ({@code -L}: {@code --max-redirs}, else 0), the
 * whole-transfer and connect timeouts (null: none, and the client's default), {@code --compressed},
 * {@code -A} (null: {@code meerkat/<version>}), the proxy and the TLS.
 */
record ClientSettings(int maxRedirects, Duration maxTime, Duration connectTimeout, boolean compressed,
                      String userAgent, Proxies proxies, TlsSettings tls) {

    /** Options for one sequential client; {@code tls} is null over plain http. */
    HttpClientOptions options(TlsContext tls) throws UsageException {
        HttpClientOptions.Builder b = HttpClientOptions.defaults().toBuilder()
                .maxRedirects(maxRedirects).decompress(compressed)
                .totalTimeout(maxTime == null ? Duration.ZERO : maxTime).noProxy(proxies.noProxy());
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        if (userAgent != null) {
            b.userAgent(userAgent);
        }
        if (tls != null) {
            b.connection(HttpClientOptions.defaults().connection().withTls(tls));
        }
        try {
            return b.proxy(proxies.proxy()).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("get: option -x: " + e.getMessage(), e);
        }
    }
}
