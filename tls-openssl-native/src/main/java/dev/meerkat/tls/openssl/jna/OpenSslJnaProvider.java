package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Capabilities;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.BaseTlsProvider;
import java.util.EnumSet;

/**
 * Provider "openssl-jna": the system's OpenSSL 3 (libssl.so.3, libcrypto.so.3) through JNA direct
 * mapping, with memory BIOs. Needs no native code of its own, only JNA and the distribution's
 * OpenSSL. This class loads without JNA or OpenSSL present; {@link #availability()} then says why it
 * cannot be used.
 *
 * <p>On JDK 22 and later, JNA's native access needs {@code --enable-native-access=ALL-UNNAMED} (or
 * the JNA module's name on the module path) to run without warnings.
 */
public final class OpenSslJnaProvider extends BaseTlsProvider {

    public static final String NAME = "openssl-jna";

    /** Below "openssl" (BoringSSL, faster per call) and above "jdk". */
    static final int PRIORITY = 20;

    private static final Capabilities CAPABILITIES = new Capabilities(
            EnumSet.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), true, true, true, true);

    public OpenSslJnaProvider() {
        super(NAME, PRIORITY, CAPABILITIES);
    }

    @Override
    public Availability availability() {
        try {
            return OpenSslLibrary.availability();
        } catch (LinkageError e) {
            return Availability.unavailable("system OpenSSL 3 (libssl.so.3) not found: " + e);
        }
    }

    @Override
    protected TlsContext openContext(TlsConfig config) throws TlsException {
        return OpenSslJnaContext.create(config);
    }

    @Override
    public String toString() {
        return NAME + " (" + availability() + ")";
    }
}
