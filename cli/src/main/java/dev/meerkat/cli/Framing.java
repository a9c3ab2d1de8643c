package dev.meerkat.cli;

import java.util.Locale;

/**
 * How the soak server frames its response body (RFC 9112 section 6.3): a Content-Length, chunked
 * transfer coding, or no length at all so the body ends when the connection closes, the case of
 * Mongoose issue 2570 where a lost tail goes unnoticed unless the close is checked.
 */
enum Framing {
    LENGTH, CHUNKED, CLOSE;

    /** The name used on the command line and as the request path. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Framing ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
