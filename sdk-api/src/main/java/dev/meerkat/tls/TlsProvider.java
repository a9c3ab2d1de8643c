package dev.meerkat.tls;

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

    /** Throws {@link TlsException.Kind#UNAVAILABLE} when not available, with the reason. */
    TlsContext newContext(TlsConfig config) throws TlsException;
}
