package dev.meerkat.cli;

import java.nio.file.Path;

/**
 * The parsed options of {@code serve}. TLS is on for an https:// listen URL, {@code --tls} or
 * {@code --cert}; the listen URL then uses https:// whatever scheme was given.
 */
record ServeOptions(Path dir, String listen, String provider, Path cert, Path key, boolean close,
        int maxConnections) {

    static final String DEFAULT_LISTEN = "http://127.0.0.1:8080";

    boolean tls() {
        return listen.regionMatches(true, 0, "https://", 0, 8) || provider != null || cert != null;
    }

    /** The URL to listen on, with the scheme TLS implies. */
    String listenUrl() {
        String rest = listen.substring(listen.indexOf("://") + 3);
        return (tls() ? "https://" : "http://") + rest;
    }

    /** Checks what picocli cannot: the listen URL's scheme, and that --cert comes with --key. */
    ServeOptions {
        if (!listen.regionMatches(true, 0, "http://", 0, 7) && !listen.regionMatches(true, 0, "https://", 0, 8)) {
            throw new IllegalArgumentException("serve: option --listen expects an http:// or https:// URL but was '"
                    + listen + "'");
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("serve: options --cert and --key go together but only "
                    + (cert == null ? "--key" : "--cert") + " was given");
        }
    }
}
