/**
 * Meerkat's core: the event loop ({@code dev.meerkat}), the TLS types users touch
 * ({@code dev.meerkat.tls}) and the engine contract and shared base for backends
 * ({@code dev.meerkat.tls.spi}). It knows no protocol: HTTP and WebSocket are a module of their
 * own, built on the public API. {@code dev.meerkat.internal} stays hidden: no other Meerkat module
 * imports it, so it needs no qualified export either.
 *
 * <p>The module is named after its root package, as the JDK's modules are; the backends and the
 * command take the name of their own root package ({@code dev.meerkat.tls.jdk}, {@code dev.meerkat.cli}).
 */
module dev.meerkat {
    // Nullness annotations (JSpecify): needed to compile, not to run.
    requires static org.jspecify;
    exports dev.meerkat;
    exports dev.meerkat.tls;
    exports dev.meerkat.tls.spi;

    // Flight Recorder events for handshakes and closes: part of the JDK, no third-party dependency.
    requires jdk.jfr;

    // TlsProviders finds the backends; on the class path META-INF/services does the same job.
    uses dev.meerkat.tls.TlsProvider;
}
