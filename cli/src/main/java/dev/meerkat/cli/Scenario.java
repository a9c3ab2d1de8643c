package dev.meerkat.cli;

/**
 * One soak run: a client provider, a framing and whether the server sends close_notify.
 * Truncation is expected to be flagged exactly when the body is close-delimited and the server
 * closes without close_notify: the client then cannot know the body is whole (RFC 5246 section
 * 7.2.1, RFC 8446 section 6.1) and must say so.
 */
record Scenario(String provider, Framing framing, boolean closeNotify) {

    boolean expectsTruncation() {
        return framing == Framing.CLOSE && !closeNotify;
    }

    /** The request path that tells the soak server what to do. */
    String path() {
        return "/" + framing.label() + (closeNotify ? "" : "?close_notify=no");
    }

    String label() {
        return provider + "/" + framing.label() + (closeNotify ? "" : " (no close_notify)");
    }
}
