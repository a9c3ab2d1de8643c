/**
 * The suites every TLS provider's tests extend, so that all backends are held to the same expected
 * results: {@link dev.meerkat.tls.conformance.TlsConformanceSuite} (the drain invariant over real
 * sockets, under every {@link dev.meerkat.faults.Fault} the
 * {@link dev.meerkat.faults.FaultProxy} makes), {@link dev.meerkat.tls.conformance.EngineContractSuite}
 * (the engine contract in memory) and {@link dev.meerkat.tls.conformance.ConcurrentEngineSuite}
 * (engines of shared contexts on several threads). {@link dev.meerkat.tls.conformance.TestPki}
 * makes the certificates with the {@code openssl} command. A test library: it needs JUnit and AssertJ.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.meerkat.tls.conformance;

import org.jspecify.annotations.NullMarked;
