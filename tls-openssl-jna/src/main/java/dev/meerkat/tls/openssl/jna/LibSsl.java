package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libssl.so.3 functions this provider calls, bound with JNA direct mapping (see
 * {@link LibCrypto} for the conventions). Several OpenSSL 3.0 "functions" are macros over
 * {@link #SSL_CTX_ctrl}, {@link #SSL_ctrl} and {@link #SSL_CTX_callback_ctrl}; their command numbers
 * are the SSL_CTRL_* constants here, copied from ssl.h.
 */
final class LibSsl {

    static final String DEFAULT_NAME = "libssl.so.3";
    static final String NAME_PROPERTY = "meerkat.openssl-jna.libssl";

    static final int SSL_ERROR_WANT_READ = 2;
    static final int SSL_ERROR_ZERO_RETURN = 6;

    static final int SSL_SENT_SHUTDOWN = 1;

    static final int SSL_VERIFY_NONE = 0;
    static final int SSL_VERIFY_PEER = 1;
    static final int SSL_VERIFY_FAIL_IF_NO_PEER_CERT = 2;

    static final int SSL_CTRL_MODE = 33;
    static final int SSL_CTRL_SET_SESS_CACHE_MODE = 44;
    static final int SSL_CTRL_SET_TLSEXT_SERVERNAME_CB = 53;
    static final int SSL_CTRL_SET_TLSEXT_HOSTNAME = 55;
    static final int SSL_CTRL_CHAIN_CERT = 89;
    static final int SSL_CTRL_SET_GROUPS_LIST = 92;
    static final int SSL_CTRL_SET_SIGALGS_LIST = 98;
    static final int SSL_CTRL_SET_MIN_PROTO_VERSION = 123;
    static final int SSL_CTRL_SET_MAX_PROTO_VERSION = 124;
    static final int SSL_CTRL_GET_NEGOTIATED_GROUP = 134;

    /** Frees the read and write buffers of idle connections: an idle connection should hold almost nothing. */
    static final long SSL_MODE_RELEASE_BUFFERS = 0x10;
    static final long SSL_OP_NO_RENEGOTIATION = 1L << 30;

    static final int SSL_SESS_CACHE_OFF = 0;
    static final int SSL_SESS_CACHE_CLIENT = 1;
    static final int SSL_SESS_CACHE_NO_INTERNAL_STORE = 0x200;

    static final int TLSEXT_NAMETYPE_HOST_NAME = 0;
    static final int SSL_TLSEXT_ERR_OK = 0;
    static final int SSL_TLSEXT_ERR_ALERT_FATAL = 2;
    static final int SSL_TLSEXT_ERR_NOACK = 3;

    static final int TLS1_2_VERSION = 0x0303;
    static final int TLS1_3_VERSION = 0x0304;

    static {
        Native.register(LibSsl.class, NativeLibrary.getInstance(System.getProperty(NAME_PROPERTY, DEFAULT_NAME)));
    }

    private LibSsl() {
    }

    /** int (*)(X509_STORE_CTX *, void *arg): 1 accepts the peer's chain, 0 rejects it. */
    interface CertVerifyCallback extends Callback {
        int invoke(Pointer storeContext, Pointer arg);
    }

    /** int (*)(SSL *, const unsigned char **out, unsigned char *outlen, const unsigned char *in, unsigned int inlen, void *arg). */
    interface AlpnSelectCallback extends Callback {
        int invoke(Pointer ssl, Pointer out, Pointer outLength, Pointer in, int inLength, Pointer arg);
    }

    /** int (*)(SSL *, int *alert, void *arg). */
    interface ServerNameCallback extends Callback {
        int invoke(Pointer ssl, Pointer alert, Pointer arg);
    }

    /** int (*)(SSL *, SSL_SESSION *): 1 keeps the reference to the session. */
    interface NewSessionCallback extends Callback {
        int invoke(Pointer ssl, Pointer session);
    }

    /** void (*)(const SSL *, const char *line): one NSS key log line, without its line end. */
    interface KeyLogCallback extends Callback {
        void invoke(Pointer ssl, String line);
    }

    static native Pointer TLS_method();

    static native Pointer SSL_CTX_new(Pointer method);

    static native void SSL_CTX_free(Pointer context);

    static native long SSL_CTX_ctrl(Pointer context, int cmd, long larg, Pointer parg);

    static native long SSL_CTX_callback_ctrl(Pointer context, int cmd, ServerNameCallback callback);

    static native long SSL_CTX_set_options(Pointer context, long options);

    static native int SSL_CTX_set_cipher_list(Pointer context, String ciphers);

    static native int SSL_CTX_set_ciphersuites(Pointer context, String ciphersuites);

    static native Pointer SSL_CTX_get_ciphers(Pointer context);

    static native void SSL_CTX_set_verify(Pointer context, int mode, Pointer callback);

    static native void SSL_CTX_set_cert_verify_callback(Pointer context, CertVerifyCallback callback, Pointer arg);

    static native void SSL_CTX_set_alpn_select_cb(Pointer context, AlpnSelectCallback callback, Pointer arg);

    /** Returns 0 on success (unlike most of OpenSSL). */
    static native int SSL_CTX_set_alpn_protos(Pointer context, byte[] protocols, int length);

    static native void SSL_CTX_sess_set_new_cb(Pointer context, NewSessionCallback callback);

    static native void SSL_CTX_set_keylog_callback(Pointer context, KeyLogCallback callback);

    static native int SSL_CTX_set_session_id_context(Pointer context, byte[] id, int length);

    static native int SSL_CTX_use_certificate(Pointer context, Pointer x509);

    static native int SSL_CTX_use_PrivateKey(Pointer context, Pointer key);

    static native int SSL_CTX_check_private_key(Pointer context);

    static native Pointer SSL_new(Pointer context);

    static native void SSL_free(Pointer ssl);

    static native void SSL_set_bio(Pointer ssl, Pointer readBio, Pointer writeBio);

    /** Takes ownership of {@code readBio} and frees the SSL's previous read BIO. */
    static native void SSL_set0_rbio(Pointer ssl, Pointer readBio);

    /** Takes ownership of {@code writeBio} and frees the SSL's previous write BIO (under the handshake's buffering BIO, if any). */
    static native void SSL_set0_wbio(Pointer ssl, Pointer writeBio);

    static native void SSL_set_connect_state(Pointer ssl);

    static native void SSL_set_accept_state(Pointer ssl);

    static native int SSL_do_handshake(Pointer ssl);

    static native int SSL_read(Pointer ssl, long buffer, int length);

    static native int SSL_write(Pointer ssl, long buffer, int length);

    static native int SSL_get_error(Pointer ssl, int result);

    /** 1 when the SSL holds record bytes, decrypted or not yet processed. */
    static native int SSL_has_pending(Pointer ssl);

    static native int SSL_shutdown(Pointer ssl);

    static native int SSL_get_shutdown(Pointer ssl);

    static native void SSL_set_shutdown(Pointer ssl, int mode);

    static native long SSL_ctrl(Pointer ssl, int cmd, long larg, String parg);

    static native String SSL_get_version(Pointer ssl);

    static native Pointer SSL_get_current_cipher(Pointer ssl);

    static native String SSL_CIPHER_standard_name(Pointer cipher);

    /** OpenSSL 3.0+: the TLS name of the group SSL_get_negotiated_group returned, e.g. "x25519". */
    static native String SSL_group_to_name(Pointer ssl, int id);

    static native String SSL_CIPHER_get_name(Pointer cipher);

    static native String SSL_CIPHER_get_version(Pointer cipher);

    static native void SSL_get0_alpn_selected(Pointer ssl, Pointer data, Pointer length);

    static native Pointer SSL_get_peer_cert_chain(Pointer ssl);

    static native Pointer SSL_get0_peer_certificate(Pointer ssl);

    static native int SSL_session_reused(Pointer ssl);

    static native int SSL_get_ex_data_X509_STORE_CTX_idx();

    static native String SSL_get_servername(Pointer ssl, int type);

    static native Pointer SSL_set_SSL_CTX(Pointer ssl, Pointer context);

    static native int SSL_set_session(Pointer ssl, Pointer session);

    static native void SSL_SESSION_free(Pointer session);

    static native int SSL_SESSION_is_resumable(Pointer session);
}
