package dev.meerkat.tls.conformance;

import dev.meerkat.faults.FaultProxy;

/**
 * The conformance suite every TLS provider runs: the drain invariant under every fault the
 * {@link FaultProxy} can make, the Mongoose regressions, certificate decisions and scale, for TLS
 * 1.2 and 1.3, with expected results that are the same for every provider. A backend module
 * subclasses it in a few lines:
 *
 * <pre>{@code
 * class JdkConformanceTest extends TlsConformanceSuite {
 *     @Override protected String providerName() { return "jdk"; }
 * }
 * }</pre>
 *
 * <p>The cases live in a chain of abstract classes, one theme each, so that each file stays small:
 * {@link StreamCases}, {@link RegressionCases}, {@link CertificateCases}, {@link ScaleCases},
 * {@link BackedUpOutputCases}, {@link InterleavingCases}, {@link PolicyCases}, {@link HostileCases},
 * {@link UserTrustCases}, {@link ReloadCases}, {@link KeyLogCases}, {@link FileRegionCases}. A test can wrap the provider's engines by
 * overriding {@link #clientContext} or {@link #serverContext}.
 */
public abstract class TlsConformanceSuite extends FileRegionCases {

    /** For subclasses: a backend names its provider in a few lines. */
    protected TlsConformanceSuite() {
    }
}
