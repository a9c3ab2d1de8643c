/**
 * Meerkat's event loop: a {@link dev.meerkat.Manager} owns one selector and every connection, and
 * each {@link dev.meerkat.Connection} (TCP, UDP, TLS, or a listener) reports what happens to it as
 * typed {@link dev.meerkat.Event}s to its {@link dev.meerkat.Handler}, on the thread that polls the
 * manager. Every connection ends with exactly one {@link dev.meerkat.Event.Close} whose
 * {@link dev.meerkat.CloseReason} says how the input ended, after every byte that could be delivered
 * was delivered. {@link dev.meerkat.Options} are the per-connection settings and
 * {@link dev.meerkat.MemoryBudget} caps what connections buffer.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.meerkat;

import org.jspecify.annotations.NullMarked;
