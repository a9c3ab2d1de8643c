package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libcrypto.so.3 functions this provider calls, bound with JNA direct mapping
 * ({@link Native#register}): one JNI stub per function, about 100–270 ns a call, so callers batch per
 * record, never per byte. Loading this class fails with a {@link LinkageError} when the library or a
 * symbol is missing; {@link OpenSslLibrary} catches it.
 *
 * <p>Data pointers on the hot path ({@link #BIO_read}, {@link #BIO_write}) are plain {@code long}
 * addresses so that no {@link Pointer} object is made per call (64-bit only, which
 * {@link OpenSslLibrary} checks). Opaque handles stay {@link Pointer}s. C {@code unsigned long} and
 * {@code size_t} are {@code long} (LP64).
 */
final class LibCrypto {

    /** The versioned name: the unversioned libcrypto.so exists only with the -dev package. */
    static final String DEFAULT_NAME = "libcrypto.so.3";
    /** Overrides the library, e.g. an absolute path to another OpenSSL 3 build. */
    static final String NAME_PROPERTY = "meerkat.openssl-jna.libcrypto";

    static final int OPENSSL_VERSION = 0;

    /** bio.h: BIO_pending() is BIO_ctrl(b, BIO_CTRL_PENDING, 0, NULL). */
    static final int BIO_CTRL_PENDING = 10;
    /** bio.h: BIO_set_mem_eof_return(b, v) is BIO_ctrl(b, BIO_C_SET_BUF_MEM_EOF_RETURN, v, NULL). */
    static final int BIO_C_SET_BUF_MEM_EOF_RETURN = 130;

    /** err.h (OpenSSL 3): packed error codes are lib << 23 | reason, with bit 31 for system errors. */
    static final int ERR_LIB_OFFSET = 23;
    static final int ERR_LIB_MASK = 0xFF;
    static final int ERR_REASON_MASK = 0x7FFFFF;
    static final long ERR_SYSTEM_FLAG = 0x80000000L;
    static final int ERR_LIB_SSL = 20;

    static {
        Native.register(LibCrypto.class, NativeLibrary.getInstance(System.getProperty(NAME_PROPERTY, DEFAULT_NAME)));
    }

    private LibCrypto() {
    }

    static native String OpenSSL_version(int type);

    static native long OpenSSL_version_num();

    static native Pointer BIO_s_mem();

    static native Pointer BIO_new(Pointer method);

    static native int BIO_free(Pointer bio);

    static native int BIO_write(Pointer bio, long data, int length);

    static native int BIO_read(Pointer bio, long data, int length);

    static native long BIO_ctrl(Pointer bio, int cmd, long larg, Pointer parg);

    static native long ERR_get_error();

    static native void ERR_clear_error();

    static native void ERR_error_string_n(long error, byte[] buffer, long length);

    static native Pointer d2i_X509(Pointer reuse, Pointer in, long length);

    static native int i2d_X509(Pointer x509, Pointer out);

    static native void X509_free(Pointer x509);

    static native Pointer d2i_AutoPrivateKey(Pointer reuse, Pointer in, long length);

    static native void EVP_PKEY_free(Pointer key);

    static native Pointer X509_STORE_CTX_get_ex_data(Pointer storeContext, int index);

    static native Pointer X509_STORE_CTX_get0_untrusted(Pointer storeContext);

    static native void X509_STORE_CTX_set_error(Pointer storeContext, int error);

    static native int OPENSSL_sk_num(Pointer stack);

    static native Pointer OPENSSL_sk_value(Pointer stack, int index);
}
