package dev.meerkat.http;

import java.net.URI;
import java.net.URISyntaxException;

/** Maps http(s) URLs to the manager's tcp:// and tls:// addresses. */
final class Urls {

    private Urls() {
    }

    /** {@code http://h:p} becomes {@code tcp://h:p}, {@code https://h:p} becomes {@code tls://h:p}. */
    static String transport(String url) {
        URI uri = parse(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return switch (scheme) {
            case "http", "tcp" -> "tcp://" + authority(uri, 80);
            case "https", "tls" -> "tls://" + authority(uri, 443);
            default -> throw new IllegalArgumentException("expected an http:// or https:// URL but was " + url);
        };
    }

    static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (hasLoneSurrogate(url)) {
                throw new IllegalArgumentException("expected a URL of well-formed Unicode but was " + url
                        + " (a lone surrogate has no UTF-8 form to send)");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("expected a URL with a host but was " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected a valid URL but was " + url, e);
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : isHttps(uri) ? 443 : 80;
    }

    /** host:port, IPv6 hosts in brackets as URI keeps them. */
    static String authority(URI uri, int defaultPort) {
        return uri.getHost() + ":" + (uri.getPort() >= 0 ? uri.getPort() : defaultPort);
    }
}
