package dev.meerkat.http;

import java.util.Locale;

/** curl's {@code no_proxy} matching: a name matches itself and its subdomains, {@code *} every host. */
final class NoProxy {

    private NoProxy() {
    }

    static boolean matches(String pattern, String host) {
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.equals("*")) {
            return true;
        }
        p = p.startsWith(".") ? p.substring(1) : p;
        return !p.isEmpty() && (h.equals(p) || h.endsWith("." + p));
    }
}
