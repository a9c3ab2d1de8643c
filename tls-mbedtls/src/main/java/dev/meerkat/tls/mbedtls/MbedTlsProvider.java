package dev.meerkat.tls.mbedtls;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.Support;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.NativeBindingProvider;
import dev.meerkat.tls.spi.PolicyEnforcement;
import dev.meerkat.tls.spi.PolicyRule;
import java.util.EnumSet;

/**
 * Provider "mbedtls": the system's MbedTLS 2.28 (libmbedtls.so.14, libmbedx509.so.1,
 * libmbedcrypto.so.7, Debian's packages libmbedtls14 and libmbedtls-dev) through JNA direct mapping.
 * Needs no native code of its own. It speaks TLS 1.2 only: Debian's 2.28 build has no TLS 1.3.
 * This class loads without JNA or MbedTLS present; {@link #availability()} then says why it cannot
 * be used.
 *
 * <p>On JDK 22 and later, JNA's native access needs {@code --enable-native-access=ALL-UNNAMED} (or
 * the JNA module's name on the module path) to run without warnings.
 */
public final class MbedTlsProvider extends NativeBindingProvider {

    /** The name users choose this provider by: {@code TlsProviders.named("mbedtls")}. */
    public static final String NAME = "mbedtls";

    /** The lowest of all: TLS 1.2 only, so never the default while another provider loads. */
    static final int PRIORITY = 3;

    private static final Capabilities CAPABILITIES = new Capabilities(EnumSet.of(TlsVersion.TLS_1_2),
            true, true, true, true);

    /** The provider {@link java.util.ServiceLoader} makes; cheap, it loads no native library. */
    public MbedTlsProvider() {
        super(NAME, PRIORITY, CAPABILITIES, MbedTlsLibrary.PREFIX + "its JNA binding failed to link");
    }

    /** MbedTLS 2.28 takes the policy per config, except what its build has no TLS 1.3 for. */
    @Override
    public PolicyEnforcement policy() {
        return PolicyEnforcement.full()
                .except(PolicyRule.VERSIONS, "TLSv1.2 only: MbedTLS 2.28 has no TLS 1.3")
                .except(PolicyRule.TLS13_SUITES, "none: no TLS 1.3")
                .except(PolicyRule.SIGNATURE_SCHEMES, "ECDSA and RSA PKCS#1 v1.5 with SHA-256, SHA-384, SHA-512:"
                        + " MbedTLS 2.28 sets hashes, not schemes, and has no RSA-PSS or Ed25519 in TLS 1.2");
    }

    @Override
    protected Availability probeLibrary() {
        return MbedTlsLibrary.availability();
    }

    @Override
    protected TlsContext openContext(TlsConfig config) throws TlsException {
        return MbedTlsContext.create(config);
    }

    /** MbedTLS 2.28 exports each connection's TLS 1.2 master secret: see {@link MasterSecretLog}. */
    @Override
    public Support keyLogging() {
        return Support.yes("CLIENT_RANDOM lines from MbedTLS's export-keys callback");
    }

    /** MbedTLS 2.28 has neither TLS 1.3 nor ML-KEM. */
    @Override
    public Support hybridKeyExchange() {
        return Support.no("MbedTLS 2.28 has no TLS 1.3 and no ML-KEM");
    }

    @Override
    public String toString() {
        return NAME + " (" + availability() + ")";
    }
}
