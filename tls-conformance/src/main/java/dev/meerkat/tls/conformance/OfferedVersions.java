package dev.meerkat.tls.conformance;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place a case is skipped for a TLS version: when a provider's declared
 * {@link dev.meerkat.tls.Capabilities#versions()} lacks it (MbedTLS 2.28 has no TLS 1.3). The
 * skip names the provider and what it declares, so the report shows it; a provider that declares a
 * version runs every case of it, and one that is unavailable fails as before.
 */
public final class OfferedVersions {

    private OfferedVersions() {
    }

    /**
     * Skips the running case unless {@code provider} declares {@code version}.
     *
     * @param provider the provider's name
     * @param version  the version the case needs
     * @return {@code version}
     */
    public static TlsVersion require(String provider, TlsVersion version) {
        Set<TlsVersion> declared = declared(provider);
        Assumptions.assumeTrue(declared.contains(version), () -> provider + " declares " + declared
                + " in its capabilities, not " + version.protocolName() + ": the case does not apply");
        return version;
    }

    /**
     * The version cases that need only one run on.
     *
     * @param provider the provider's name
     * @return the newest version {@code provider} declares
     */
    public static TlsVersion newest(String provider) {
        return declared(provider).contains(TlsVersion.TLS_1_3) ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
    }

    private static Set<TlsVersion> declared(String provider) {
        try {
            return TlsProviders.named(provider).capabilities().versions();
        } catch (TlsException e) {
            throw new IllegalStateException("expected provider " + provider + " to be available but: "
                    + e.getMessage(), e);
        }
    }
}
