/**
 * The record-aware {@link dev.meerkat.faults.FaultProxy} and the {@link dev.meerkat.faults.Fault}s it
 * applies to a server's stream on its way to the client; {@link dev.meerkat.faults.TlsRecord} is one
 * record as the proxy reads it.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.meerkat.faults;

import org.jspecify.annotations.NullMarked;
