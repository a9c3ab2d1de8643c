/**
 * An MQTT 3.1.1 and 5.0 client ({@code dev.meerkat.mqtt}) on Meerkat's event loop. Built on the
 * core's public API only ({@code Manager}, {@code Connection}, {@code Event}), like the HTTP module.
 */
module dev.meerkat.mqtt {
    // Nullness annotations (JSpecify): needed to compile, not to run.
    requires static org.jspecify;
    requires transitive dev.meerkat;

    exports dev.meerkat.mqtt;
}
