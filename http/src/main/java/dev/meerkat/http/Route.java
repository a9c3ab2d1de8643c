package dev.meerkat.http;

import java.net.URI;
import java.util.Locale;

/**
 * How a request reaches its origin: straight, or through an HTTP proxy. https goes through a
 * CONNECT tunnel (RFC 9110 section 9.3.6), TLS with the origin on top; http is sent to the proxy
 * in absolute form (RFC 9112 section 3.2.2).
 *
 * @param transport    the manager's address to connect to: the origin's, or the proxy's (plain TCP)
 * @param host         the origin's host: SNI, the certificate check, error messages
 * @param tunnel       {@code host:port} to ask the proxy to CONNECT to, or null
 * @param absoluteForm the request line carries the whole URL (plain http through the proxy)
 */
record Route(String transport, String host, String tunnel, boolean absoluteForm) {

    /** The route of {@code url}, through {@code proxy} ({@code http://host:port}) unless it is null. */
    static Route of(URI url, URI proxy) {
        boolean https = Urls.isHttps(url);
        String origin = Urls.authority(url, Urls.port(url));
        if (proxy == null) {
            return new Route((https ? "tls://" : "tcp://") + origin, url.getHost(), null, false);
        }
        String viaProxy = "tcp://" + Urls.authority(proxy, 80);
        return https ? new Route(viaProxy, url.getHost(), origin, false) : new Route(viaProxy, url.getHost(), null, true);
    }

    boolean viaProxy() {
        return tunnel != null || absoluteForm;
    }

    /** Connections of one key are interchangeable in a pool. */
    String key() {
        return (tunnel == null ? transport : transport + " to " + tunnel).toLowerCase(Locale.ROOT);
    }
}
