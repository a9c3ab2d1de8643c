/**
 * The TLS types users touch, the same whichever backend runs underneath: a
 * {@link dev.meerkat.tls.TlsConfig} describes an endpoint, {@link dev.meerkat.tls.TlsProviders}
 * finds the backends through {@link java.util.ServiceLoader} and picks one by name or priority, and
 * the chosen {@link dev.meerkat.tls.TlsProvider} turns the config into a
 * {@link dev.meerkat.tls.TlsContext} for {@link dev.meerkat.Options#withTls}. Certificate decisions
 * are made once, by {@link dev.meerkat.tls.PeerVerifier}, so every provider accepts and rejects the
 * same peers and reports the same {@link dev.meerkat.tls.TlsException.Kind}.
 * {@link dev.meerkat.tls.KeyMaterial} reads PEM keys and certificates or makes a self-signed one.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.meerkat.tls;

import org.jspecify.annotations.NullMarked;
