package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.Availability;
import dev.meerkat.tls.Support;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.OpenSslFamilyProvider;
import dev.meerkat.tls.spi.PolicyEnforcement;

/**
 * Provider "openssl-jna": the system's OpenSSL 3 (libssl.so.3, libcrypto.so.3) through JNA direct
 * mapping, with memory BIOs. Needs no native code of its own, only JNA and the distribution's
 * OpenSSL. This class loads without JNA or OpenSSL present; {@link #availability()} then says why it
 * cannot be used.
 *
 * <p>On JDK 22 and later, JNA's native access needs {@code --enable-native-access=ALL-UNNAMED} (or
 * the JNA module's name on the module path) to run without warnings.
 */
public final class OpenSslJnaProvider extends OpenSslFamilyProvider {

    /** The name users choose this provider by: {@code TlsProviders.named("openssl-jna")}. */
    public static final String NAME = "openssl-jna";

    /** Below "openssl" (BoringSSL, faster per call) and above "jdk". */
    static final int PRIORITY = 20;

    /** The provider {@link java.util.ServiceLoader} makes; cheap, it loads no native library. */
    public OpenSslJnaProvider() {
        super(NAME, PRIORITY, "system OpenSSL 3 (libssl.so.3) not found");
    }

    /** OpenSSL 3 takes every rule of the policy per context. */
    @Override
    public PolicyEnforcement policy() {
        return PolicyEnforcement.full();
    }

    /** OpenSSL's X25519MLKEM768 where the loaded library is 3.5 or newer ({@link OpenSslHybrid}). */
    @Override
    public Support hybridKeyExchange() {
        Availability availability = availability();
        return availability.available() ? OpenSslHybrid.status() : Support.unavailable(availability);
    }

    @Override
    protected Availability probeLibrary() {
        return OpenSslLibrary.availability();
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
