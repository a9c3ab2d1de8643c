package dev.meerkat.tls.openssl;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.BaseTlsProvider;
import java.util.EnumSet;

/**
 * Provider "openssl": BoringSSL through netty-tcnative's JNI binding, bundled for linux x86_64 and
 * aarch64, macOS x86_64 and aarch64, and windows x86_64. The fastest backend, hence the highest
 * priority. This class loads without tcnative on the class path; {@link #availability()} then says why
 * it cannot be used.
 */
public final class OpenSslTlsProvider extends BaseTlsProvider {

    public static final String NAME = "openssl";

    private static final Capabilities CAPABILITIES = new Capabilities(
            EnumSet.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), true, true, true, true);

    /** The fastest backend, preferred whenever it loads. */
    static final int PRIORITY = 30;

    public OpenSslTlsProvider() {
        super(NAME, PRIORITY, CAPABILITIES);
    }

    @Override
    public Availability availability() {
        try {
            return TcnativeLibrary.availability();
        } catch (LinkageError e) {
            return Availability.unavailable("netty-tcnative classes are missing or broken: " + e);
        }
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
