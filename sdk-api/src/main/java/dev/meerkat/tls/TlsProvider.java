package dev.meerkat.tls;

import dev.meerkat.tls.spi.PolicyEnforcement;
import dev.meerkat.tls.spi.TlsPolicy;

/**
 * A TLS backend, found with {@link java.util.ServiceLoader}. Implementations must construct cheaply
 * and never throw from the constructor: a missing library is reported by {@link #availability()}.
 */
public interface TlsProvider {

    /** {@return the name users select it by, e.g. "jdk", "bc", "openssl", "openssl-jna"} */
    String name();

    /** {@return the rank among available providers: higher wins when no provider is named} */
    int priority();

    /**
     * Whether the provider's library is present and loads. It may probe the library on the first
     * call, and must not throw: a failure is a reason.
     *
     * @return the availability, with the reason when the provider cannot be used
     */
    Availability availability();

    /** {@return what the provider supports: versions, ALPN, resumption, SNI, client certificates} */
    Capabilities capabilities();

    /**
     * {@return whether contexts of this provider write the key log a config asks for, or why they cannot}
     * See {@link TlsConfig#keyLogFile()}; a provider that cannot refuses such a config with
     * {@link TlsException.Kind#CONFIGURATION}. By default a provider says it cannot.
     */
    default Support keyLogging() {
        return Support.no("provider " + name() + " does not say that it writes key logs");
    }

    /** {@return how this provider applies each rule of the one TLS policy ({@link TlsPolicy})} */
    PolicyEnforcement policy();

    /**
     * Whether this provider offers the post-quantum hybrid X25519MLKEM768 first, or why not. It
     * depends on the backend's version (and for bc on its crypto), so a provider answers at run time.
     *
     * @return offered, or not offered with the reason
     */
    default Support hybridKeyExchange() {
        return Support.no("the provider does not say");
    }

    /**
     * Makes a context for {@code config}: parses its keys and trust and sets up the backend.
     *
     * @param config what the endpoint needs
     * @return a new context, to be closed when no longer needed
     * @throws TlsException {@link TlsException.Kind#UNAVAILABLE} with the reason when the provider is
     *                      not available; {@link TlsException.Kind#CONFIGURATION} when the config
     *                      cannot be used by this provider
     */
    TlsContext newContext(TlsConfig config) throws TlsException;
}
