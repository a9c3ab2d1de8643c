/**
 * TLS provider {@code bc}: Bouncy Castle's low-level TLS API. The one backend that exports its
 * package, for {@link dev.meerkat.tls.bc.BcTlsProvider#withCrypto} (the README's way to choose BC's
 * own primitives); everything else in it is package-private.
 *
 * <p>Plain {@code requires}, not {@code requires static}: this module is the BC backend and nothing
 * else, and a static dependency is not resolved unless something else asks for it, so on the module
 * path the provider would report BC missing while the jars sit right there. On the class path the
 * provider still reports itself unavailable when the BC jars are absent ({@code BcLibrary}).
 */
module dev.meerkat.tls.bc {
    // Nullness annotations (JSpecify): needed to compile, not to run.
    requires static org.jspecify;
    // BcTlsProvider's public methods speak dev.meerkat.tls types.
    requires transitive dev.meerkat;
    requires org.bouncycastle.tls;
    // Used directly too: asn1.x500, crypto.util, jcajce.util.
    requires org.bouncycastle.provider;

    exports dev.meerkat.tls.bc;

    provides dev.meerkat.tls.TlsProvider with dev.meerkat.tls.bc.BcTlsProvider;
}
