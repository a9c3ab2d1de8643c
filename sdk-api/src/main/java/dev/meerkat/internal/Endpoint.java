package dev.meerkat.internal;

import java.util.Locale;

/**
 * A parsed Meerkat URL: {@code tcp://host:port}, {@code udp://host:port} or {@code tls://host:port};
 * IPv6 literals in brackets ({@code tcp://[::1]:8080}).
 */
record Endpoint(Scheme scheme, String host, int port) {

    enum Scheme { TCP, UDP, TLS }

    static Endpoint parse(String url) {
        int separator = url.indexOf("://");
        if (separator < 0) {
            throw invalid(url, "expected scheme://host:port");
        }
        Scheme scheme = scheme(url, url.substring(0, separator));
        String rest = url.substring(separator + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.lastIndexOf(']') > colon) {
            throw invalid(url, "expected a port after the host");
        }
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(scheme, host.isEmpty() ? "0.0.0.0" : host, port(url, authority.substring(colon + 1)));
    }

    boolean isUdp() {
        return scheme == Scheme.UDP;
    }

    boolean isTls() {
        return scheme == Scheme.TLS;
    }

    @Override
    public String toString() {
        String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme.name().toLowerCase(Locale.ROOT) + "://" + shownHost + ":" + port;
    }

    private static Scheme scheme(String url, String name) {
        try {
            return Scheme.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(url, "expected scheme tcp, udp or tls but was '" + name + "'");
        }
    }

    private static int port(String url, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the URL
        }
        throw invalid(url, "expected a port 0-65535 but was '" + text + "'");
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("invalid URL '" + url + "': " + why);
    }
}
