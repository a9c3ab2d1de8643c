/**
 * The contract a TLS backend implements, and what backends share. A provider extends
 * {@link dev.meerkat.tls.spi.BaseTlsProvider}, its contexts extend
 * {@link dev.meerkat.tls.spi.BaseTlsContext}, and each connection gets a
 * {@link dev.meerkat.tls.spi.TlsEngine}: a pure byte transform with no sockets or threads, driven the
 * same way for every backend by the core, which owns the drain at end of input
 * ({@code docs/ARCHITECTURE.md}, "The SPI contract"). The OpenSSL-family helpers
 * ({@link dev.meerkat.tls.spi.RecordBoundaryTracker}, {@link dev.meerkat.tls.spi.NativeReferences})
 * live here so that no provider module depends on another. Users of Meerkat never need this package.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.meerkat.tls.spi;

import org.jspecify.annotations.NullMarked;
