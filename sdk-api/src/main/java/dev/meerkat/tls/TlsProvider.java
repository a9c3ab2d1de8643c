package dev.meerkat.tls;

import dev.meerkat.tls.spi.HybridKeyExchange;
import dev.meerkat.tls.spi.PolicyEnforcement;
import dev.meerkat.tls.spi.TlsPolicy;

/**
 * A TLS backend, found with {@link java.util.ServiceLoader}. Implementations must construct cheaply
 * and never throw from the constructor: a missing library is reported by {@link #availability()}.
 */
public interface TlsProvider {

    /** The name users select it by, e.g. "jdk", "bc", "openssl", "openssl-jna". */
    String name();

    /** Higher wins when no provider is named. */
    int priority();

    Availability availability();

    Capabilities capabilities();

    /** How this provider applies each rule of the one TLS policy ({@link TlsPolicy}). */
    PolicyEnforcement policy();

    /**
     * Whether this provider offers the post-quantum hybrid X25519MLKEM768 first, or why not. It
     * depends on the backend's version (and for bc on its crypto), so a provider answers at run time.
     */
    default HybridKeyExchange hybridKeyExchange() {
        return HybridKeyExchange.notOffered("the provider does not say");
    }

    /** Throws {@link TlsException.Kind#UNAVAILABLE} when not available, with the reason. */
    TlsContext newContext(TlsConfig config) throws TlsException;
}
