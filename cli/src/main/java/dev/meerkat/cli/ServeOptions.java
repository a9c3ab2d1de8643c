package dev.meerkat.cli;

import java.nio.file.Path;

/**
 * The parsed options of {@code serve}. TLS is on for an https:// listen URL, {@code --tls} or
 * {@code --cert}; the listen URL then uses https:// whatever scheme was given.
 */
record ServeOptions(Path dir, String listen, String provider, Path cert, Path key, boolean close) {

    static final String DEFAULT_LISTEN = "http://127.0.0.1:8080";

    boolean tls() {
        return listen.regionMatches(true, 0, "https://", 0, 8) || provider != null || cert != null;
    }

    /** The URL to listen on, with the scheme TLS implies. */
    String listenUrl() {
        String rest = listen.substring(listen.indexOf("://") + 3);
        return (tls() ? "https://" : "http://") + rest;
    }

    static ServeOptions parse(Args args) throws UsageException {
        Path dir = Path.of(".");
        String listen = DEFAULT_LISTEN;
        String provider = null;
        Path cert = null;
        Path key = null;
        boolean close = false;
        while (args.hasNext()) {
            String arg = args.next();
            switch (arg) {
                case "--dir" -> dir = Path.of(args.value(arg));
                case "--listen" -> listen = listenUrl(args.value(arg));
                case "--tls" -> provider = args.value(arg);
                case "--cert" -> cert = Path.of(args.value(arg));
                case "--key" -> key = Path.of(args.value(arg));
                case "--close" -> close = true;
                default -> throw args.unknown(arg);
            }
        }
        if ((cert == null) != (key == null)) {
            throw new UsageException("serve: options --cert and --key go together but only "
                    + (cert == null ? "--key" : "--cert") + " was given");
        }
        return new ServeOptions(dir, listen, provider, cert, key, close);
    }

    private static String listenUrl(String url) throws UsageException {
        if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
            throw new UsageException("serve: option --listen expects an http:// or https:// URL but was '" + url + "'");
        }
        return url;
    }
}
