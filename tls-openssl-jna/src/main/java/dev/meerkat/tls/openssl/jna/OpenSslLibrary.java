package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.Availability;

/**
 * Loads the system's OpenSSL 3 once, on first use, and remembers whether that worked. Every failure
 * (JNA missing from the class path, libssl.so.3 or libcrypto.so.3 missing, a symbol missing, a
 * 32-bit JVM) becomes an {@link Availability} that names the cause, never an exception.
 */
final class OpenSslLibrary {

    /** OPENSSL_VERSION_NUMBER of 3.0.0: 0xMNN00PP0L. */
    private static final long OPENSSL_3_0_0 = 0x30000000L;
    private static final String PREFIX = "system OpenSSL 3 (" + LibSsl.DEFAULT_NAME + ") not found: ";

    private static final Availability AVAILABILITY = probe();

    private OpenSslLibrary() {
    }

    static Availability availability() {
        return AVAILABILITY;
    }

    private static Availability probe() {
        try {
            Class.forName("com.sun.jna.Native", false, OpenSslLibrary.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unavailable(PREFIX + "JNA (net.java.dev.jna:jna) is not on the class path: " + e);
        }
        try {
            return loadLibraries();
        } catch (LinkageError e) {
            return Availability.unavailable(PREFIX + describe(e));
        }
    }

    private static Availability loadLibraries() {
        if (com.sun.jna.Native.POINTER_SIZE != Long.BYTES) {
            return Availability.unavailable(PREFIX + "expected a 64-bit JVM but pointers are "
                    + com.sun.jna.Native.POINTER_SIZE + " bytes");
        }
        long version = LibCrypto.OpenSSL_version_num();
        String name = LibCrypto.OpenSSL_version(LibCrypto.OPENSSL_VERSION);
        if (version < OPENSSL_3_0_0) {
            return Availability.unavailable(PREFIX + "expected OpenSSL 3.0 or later but loaded " + name);
        }
        LibSsl.TLS_method();
        return Availability.available(name);
    }

    /** ExceptionInInitializerError hides the UnsatisfiedLinkError that says which library or symbol failed. */
    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
