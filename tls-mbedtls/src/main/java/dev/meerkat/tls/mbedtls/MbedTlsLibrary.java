package dev.meerkat.tls.mbedtls;

import com.sun.jna.Native;
import dev.meerkat.tls.Availability;
import java.nio.charset.StandardCharsets;

/**
 * Loads the system's MbedTLS once, on first use, and remembers whether that worked. Every failure
 * (JNA missing, libmbedtls.so.14 or one of its two sibling libraries missing, a symbol missing, a
 * 32-bit JVM, a version whose struct layout {@link NativeLayout} does not describe) becomes an
 * {@link Availability} that names the cause, never an exception.
 */
final class MbedTlsLibrary {

    static final String PREFIX = "system MbedTLS 2.28 (" + LibMbedTls.DEFAULT_NAME + ") not found: ";

    /** MBEDTLS_VERSION_NUMBER is 0xMMNNPP00: the layout table holds for 2.28.x. */
    private static final int SERIES_MASK = 0xFFFF0000;
    private static final int SERIES_2_28 = 0x021C0000;

    private static final Availability AVAILABILITY = probe();

    private MbedTlsLibrary() {
    }

    static Availability availability() {
        return AVAILABILITY;
    }

    private static Availability probe() {
        try {
            Class.forName("com.sun.jna.Native", false, MbedTlsLibrary.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unavailable(PREFIX + "JNA (net.java.dev.jna:jna) is not on the class path: " + e);
        }
        try {
            return loadLibraries();
        } catch (LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Availability.unavailable(PREFIX + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private static Availability loadLibraries() {
        if (Native.POINTER_SIZE != Long.BYTES) {
            return Availability.unavailable(PREFIX + "expected a 64-bit JVM but pointers are "
                    + Native.POINTER_SIZE + " bytes");
        }
        String name = versionString();
        if ((LibMbedCrypto.mbedtls_version_get_number() & SERIES_MASK) != SERIES_2_28) {
            return Availability.unavailable(PREFIX + "expected MbedTLS 2.28.x, whose struct sizes this provider"
                    + " knows, but loaded " + name);
        }
        // One harmless call into each of the other two libraries binds them (and fails here if absent):
        // a NULL chain is refused with MBEDTLS_ERR_X509_BAD_INPUT_DATA. Only null and Strings here, so
        // that verifying this class loads no JNA type (a missing JNA is reported by probe, above).
        LibMbedX509.mbedtls_x509_crt_parse_der(null, new byte[1], 1);
        LibMbedTls.mbedtls_ssl_get_ciphersuite_id(CipherSuites.mbedName("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        return Availability.available(name);
    }

    /** "mbed TLS 2.28.3"; the buffer must hold at least 18 bytes. */
    private static String versionString() {
        byte[] buffer = new byte[64];
        LibMbedCrypto.mbedtls_version_get_string_full(buffer);
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, StandardCharsets.US_ASCII);
    }
}
