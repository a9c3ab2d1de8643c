package dev.meerkat.tls.openssl;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Support;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.OpenSslFamilyProvider;
import dev.meerkat.tls.spi.PolicyEnforcement;
import dev.meerkat.tls.spi.PolicyRule;

/**
 * Provider "openssl": BoringSSL through netty-tcnative's JNI binding, bundled for linux x86_64 and
 * aarch64, macOS x86_64 and aarch64, and windows x86_64. The fastest backend, hence the highest
 * priority. This class loads without tcnative on the class path; {@link #availability()} then says why
 * it cannot be used.
 */
public final class OpenSslTlsProvider extends OpenSslFamilyProvider {

    /** The name users choose this provider by: {@code TlsProviders.named("openssl")}. */
    public static final String NAME = "openssl";

    /** The fastest backend, preferred whenever it loads. */
    static final int PRIORITY = 30;

    /** What netty-tcnative 2.0.84 does not let us set on BoringSSL. */
    private static final PolicyEnforcement POLICY = PolicyEnforcement.full()
            .except(PolicyRule.TLS13_SUITES, "BoringSSL's own TLS 1.3 list, which is the policy's three;"
                    + " a config cannot narrow it")
            .except(PolicyRule.SIGNATURE_SCHEMES, "netty-tcnative 2.0.84 has no setter: BoringSSL's defaults");

    /** The provider {@link java.util.ServiceLoader} makes; cheap, it loads no native library. */
    public OpenSslTlsProvider() {
        super(NAME, PRIORITY, "netty-tcnative classes are missing or broken");
    }

    @Override
    public PolicyEnforcement policy() {
        return POLICY;
    }

    /** BoringSSL's X25519MLKEM768 where the loaded tcnative has it ({@link BoringSslHybrid}). */
    @Override
    public Support hybridKeyExchange() {
        Availability availability = availability();
        return availability.available() ? BoringSslHybrid.status() : Support.unavailable(availability);
    }

    @Override
    protected Availability probeLibrary() {
        return TcnativeLibrary.availability();
    }

    @Override
    protected TlsContext openContext(TlsConfig config) throws TlsException {
        return OpenSslContext.create(config);
    }

    @Override
    public String toString() {
        return "OpenSslTlsProvider[" + NAME + "]";
    }
}
