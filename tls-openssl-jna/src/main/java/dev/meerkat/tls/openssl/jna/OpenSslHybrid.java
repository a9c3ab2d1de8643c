package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.Support;

/**
 * Whether the loaded OpenSSL has X25519MLKEM768: its default provider gained ML-KEM and the hybrid
 * group in 3.5.0, so older libraries (3.0 on Debian 12 and Ubuntu 24.04) keep X25519 first. Asked
 * of the library at run time, since {@link LibSsl#NAME_PROPERTY} may point at another one.
 */
final class OpenSslHybrid {

    /** OpenSSL_version_num() of 3.5.0 (0xMNN00PP0L). */
    private static final long FIRST_VERSION = 0x3050_0000L;

    private OpenSslHybrid() {
    }

    /** Only called once {@link OpenSslLibrary} has loaded. */
    static Support status() {
        String library = LibCrypto.OpenSSL_version(LibCrypto.OPENSSL_VERSION);
        return LibCrypto.OpenSSL_version_num() >= FIRST_VERSION ? Support.yes(library)
                : Support.no(library + " has no ML-KEM; X25519MLKEM768 needs OpenSSL 3.5 or newer");
    }
}
