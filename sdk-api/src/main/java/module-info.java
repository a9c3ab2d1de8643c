/**
 * Meerkat's core: the event loop ({@code dev.meerkat}), the TLS types users touch
 * ({@code dev.meerkat.tls}), the engine contract and shared base for backends
 * ({@code dev.meerkat.tls.spi}), HTTP/1.1 and WebSocket. {@code dev.meerkat.internal} and
 * {@code dev.meerkat.http.internal} stay hidden: no other Meerkat module imports them, so they need
 * no qualified export either.
 *
 * <p>The module is named after its root package, as the JDK's modules are; the backends and the
 * command take the name of their own root package ({@code dev.meerkat.tls.jdk}, {@code dev.meerkat.cli}).
 */
module dev.meerkat {
    exports dev.meerkat;
    exports dev.meerkat.tls;
    exports dev.meerkat.tls.spi;
    exports dev.meerkat.http;
    exports dev.meerkat.ws;

    // TlsProviders finds the backends; on the class path META-INF/services does the same job.
    uses dev.meerkat.tls.TlsProvider;
}
