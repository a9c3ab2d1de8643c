package dev.meerkat.tls.openssl;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsVersion;
import java.util.EnumSet;

/**
 * Provider "openssl": BoringSSL through netty-tcnative's JNI binding, bundled for linux x86_64 and
 * aarch64, macOS x86_64 and aarch64, and windows x86_64. The fastest backend, hence the highest
 * priority. This class loads without tcnative on the class path; {@link #availability()} then says why
 * it cannot be used.
 */
public final class OpenSslTlsProvider implements TlsProvider {

    public static final String NAME = "openssl";

    private static final Capabilities CAPABILITIES = new Capabilities(
            EnumSet.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), true, false, true, true);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 30;
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
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public TlsContext newContext(TlsConfig config) throws TlsException {
        Availability availability = availability();
        if (!availability.available()) {
            throw new TlsException(TlsException.Kind.UNAVAILABLE,
                    "TLS provider '" + NAME + "' is unavailable: " + availability.reason());
        }
        return OpenSslContext.create(config);
    }

    @Override
    public String toString() {
        return "OpenSslTlsProvider[" + NAME + "]";
    }
}
