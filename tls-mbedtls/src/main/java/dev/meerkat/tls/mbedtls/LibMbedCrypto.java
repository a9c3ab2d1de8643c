package dev.meerkat.tls.mbedtls;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libmbedcrypto.so.7 functions this provider calls, bound with JNA direct mapping
 * ({@code Native.register}): a native method per C function, no proxy. Structs are caller-allocated
 * blocks sized by {@link StructSizes}; {@code size_t} is a Java long (64-bit only, checked by
 * {@link MbedTlsLibrary}).
 */
final class LibMbedCrypto {

    static final String DEFAULT_NAME = "libmbedcrypto.so.7";
    /** A system property naming another file to load instead; the first of the three libraries loaded. */
    static final String NAME_PROPERTY = "meerkat.mbedtls.libmbedcrypto";

    /** mbedtls_cipher_type_t (cipher.h): the session ticket key's cipher. */
    static final int MBEDTLS_CIPHER_AES_256_GCM = 16;

    /** The native mbedtls_entropy_func and mbedtls_ctr_drbg_random, passed to MbedTLS as function pointers. */
    static final Pointer ENTROPY_FUNC;
    static final Pointer CTR_DRBG_RANDOM;

    static {
        NativeLibrary library = NativeLibrary.getInstance(System.getProperty(NAME_PROPERTY, DEFAULT_NAME));
        Native.register(LibMbedCrypto.class, library);
        ENTROPY_FUNC = library.getFunction("mbedtls_entropy_func");
        CTR_DRBG_RANDOM = library.getFunction("mbedtls_ctr_drbg_random");
    }

    private LibMbedCrypto() {
    }

    static native int mbedtls_version_get_number();

    static native void mbedtls_version_get_string_full(byte[] string);

    static native void mbedtls_strerror(int error, byte[] buffer, long length);

    static native void mbedtls_entropy_init(Pointer entropy);

    static native void mbedtls_entropy_free(Pointer entropy);

    static native void mbedtls_ctr_drbg_init(Pointer drbg);

    static native int mbedtls_ctr_drbg_seed(Pointer drbg, Pointer entropyFunction, Pointer entropy, byte[] custom,
                                            long length);

    static native void mbedtls_ctr_drbg_free(Pointer drbg);

    static native void mbedtls_pk_init(Pointer pk);

    static native int mbedtls_pk_parse_key(Pointer pk, Pointer der, long length, Pointer password, long passwordLength);

    static native void mbedtls_pk_free(Pointer pk);
}
