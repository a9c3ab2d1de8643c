package dev.meerkat.ws;

import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpRequestHead;
import dev.meerkat.http.HttpResponseHead;
import dev.meerkat.http.HttpVersion;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** The client's side of the opening handshake (RFC 6455 §4.1): the request, and the checks of the answer. */
final class ClientHandshake {

    private final String key = AcceptKey.newKey();
    private final List<String> offered;

    ClientHandshake(List<String> offered) {
        this.offered = List.copyOf(offered);
    }

    /** The URL's scheme mapped to the manager's transport: ws to tcp, wss to tls, default ports 80 and 443. */
    static String transport(URI url) {
        boolean secure = isSecure(url);
        int port = url.getPort() >= 0 ? url.getPort() : secure ? 443 : 80;
        return (secure ? "tls://" : "tcp://") + url.getHost() + ":" + port;
    }

    static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("expected a ws:// or wss:// URL but was " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
            throw new IllegalArgumentException("expected a ws:// or wss:// URL with a host but was " + url);
        }
        if (uri.getRawFragment() != null) {
            // §3: fragment identifiers are meaningless in WebSocket URIs.
            throw new IllegalArgumentException("expected a WebSocket URL without a fragment but was " + url);
        }
        return uri;
    }

    /** The GET request with the upgrade fields; {@code extra} fields go last. */
    byte[] request(URI url, Headers extra) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        Headers.Builder h = Headers.builder()
                .add("Host", host(url))
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Key", key)
                .add("Sec-WebSocket-Version", "13");
        if (!offered.isEmpty()) {
            h.add("Sec-WebSocket-Protocol", String.join(", ", offered));
        }
        extra.forEach(f -> h.add(f.name(), f.value()));
        return new HttpRequestHead("GET", target, HttpVersion.HTTP_1_1, h.build()).encode();
    }

    /**
     * Checks the server's answer (§4.1, the client's requirements 1-6) and returns the selected
     * subprotocol, or null.
     */
    String check(HttpResponseHead response) throws WsHandshakeException {
        Headers h = response.headers();
        if (response.status() != 101) {
            throw new WsHandshakeException("expected status 101 Switching Protocols but was " + response.status()
                    + " " + response.reason());
        }
        if (!h.hasToken("Upgrade", "websocket")) {
            throw new WsHandshakeException("expected Upgrade: websocket in the 101 but was " + h.get("Upgrade"));
        }
        if (!h.hasToken("Connection", "upgrade")) {
            throw new WsHandshakeException("expected Connection: Upgrade in the 101 but was " + h.get("Connection"));
        }
        String expected = AcceptKey.of(key);
        String accept = h.get("Sec-WebSocket-Accept");
        if (accept == null || !accept.strip().equals(expected)) {
            throw new WsHandshakeException("expected Sec-WebSocket-Accept " + expected + " but was " + accept);
        }
        if (h.contains("Sec-WebSocket-Extensions")) {
            throw new WsHandshakeException("expected no Sec-WebSocket-Extensions (none was offered) but was "
                    + h.get("Sec-WebSocket-Extensions"));
        }
        return subprotocol(h);
    }

    private String subprotocol(Headers h) throws WsHandshakeException {
        List<String> selected = ServerHandshake.offered(h);
        if (selected.isEmpty()) {
            return null;
        }
        if (selected.size() > 1 || !offered.contains(selected.get(0))) {
            throw new WsHandshakeException("expected one subprotocol of " + offered + " but the server selected "
                    + selected);
        }
        return selected.get(0);
    }

    private static boolean isSecure(URI url) {
        return url.getScheme().equalsIgnoreCase("wss");
    }

    /** Host, with the port only when it is not the scheme's default (RFC 9110 §7.2). */
    private static String host(URI url) {
        int port = url.getPort();
        boolean defaultPort = port < 0 || port == (isSecure(url) ? 443 : 80);
        return defaultPort ? url.getHost() : url.getHost() + ":" + port;
    }
}
