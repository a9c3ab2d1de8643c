/**
 * The {@code bc} TLS provider: Bouncy Castle's low-level TLS protocol. ServiceLoader finds
 * {@link dev.meerkat.tls.bc.BcTlsProvider} by itself; this package is exported only so that users
 * can choose Bouncy Castle's own crypto primitives with
 * {@link dev.meerkat.tls.bc.BcTlsProvider#withCrypto}. Everything else in it is package-private.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.meerkat.tls.bc;

import org.jspecify.annotations.NullMarked;
