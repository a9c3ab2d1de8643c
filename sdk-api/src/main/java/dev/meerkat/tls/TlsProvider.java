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

    /**
     * Whether contexts of this provider write the key log a config asks for ({@link TlsConfig#keyLogFile()}),
     * or why they cannot; a provider that cannot refuses such a config with {@link TlsException.Kind#CONFIGURATION}.
     */
    default Support keyLogging() {
        return Support.no("provider " + name() + " does not say that it writes key logs");
    }

    /** How this provider applies each rule of the one TLS policy ({@link TlsPolicy}). */
    PolicyEnforcement policy();

    /** Throws {@link TlsException.Kind#UNAVAILABLE} when not available, with the reason. */
    TlsContext newContext(TlsConfig config) throws TlsException;
}
