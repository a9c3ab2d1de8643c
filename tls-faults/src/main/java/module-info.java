/**
 * The fault proxy: a TCP proxy that reads a TLS server's stream record by record and cuts,
 * coalesces, resets, delays or splits it on its way to the client. The conformance suite drives it
 * from tests and {@code meerkat proxy} puts it in front of a user's own client. Only the JDK.
 */
module dev.meerkat.faults {
    // Nullness annotations (JSpecify): needed to compile, not to run.
    requires static org.jspecify;

    exports dev.meerkat.faults;
}
