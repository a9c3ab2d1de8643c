package dev.meerkat.tls.mbedtls;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/** The libmbedx509.so.1 functions this provider calls (conventions in {@link LibMbedCrypto}). */
final class LibMbedX509 {

    static final String DEFAULT_NAME = "libmbedx509.so.1";

    /** x509.h: the verify flags that pick the alert MbedTLS sends for a rejected chain. */
    static final int MBEDTLS_X509_BADCERT_EXPIRED = 0x01;
    static final int MBEDTLS_X509_BADCERT_CN_MISMATCH = 0x04;
    static final int MBEDTLS_X509_BADCERT_NOT_TRUSTED = 0x08;
    static final int MBEDTLS_X509_BADCERT_OTHER = 0x0100;

    static final int MBEDTLS_ERR_X509_CERT_VERIFY_FAILED = -0x2700;
    static final int MBEDTLS_ERR_X509_FATAL_ERROR = -0x3000;

    static {
        Native.register(LibMbedX509.class, NativeLibrary.getInstance(DEFAULT_NAME));
    }

    private LibMbedX509() {
    }

    static native void mbedtls_x509_crt_init(Pointer crt);

    /** Appends the certificate to the chain {@code crt} (copying the DER); 0 on success. */
    static native int mbedtls_x509_crt_parse_der(Pointer crt, byte[] der, long length);

    static native void mbedtls_x509_crt_free(Pointer crt);
}
