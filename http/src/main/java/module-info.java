/**
 * HTTP/1.1 ({@code dev.meerkat.http}) and WebSocket ({@code dev.meerkat.ws}) on Meerkat's event
 * loop. Built on the core's public API only ({@code Manager}, {@code Connection}, {@code Event}):
 * the core knows nothing of protocols. {@code dev.meerkat.http.internal} stays hidden.
 */
module dev.meerkat.http {
    // Nullness annotations (JSpecify): needed to compile, not to run.
    requires static org.jspecify;
    requires transitive dev.meerkat;

    exports dev.meerkat.http;
    exports dev.meerkat.ws;
}
