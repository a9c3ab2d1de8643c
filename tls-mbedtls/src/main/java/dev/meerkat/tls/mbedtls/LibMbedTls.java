package dev.meerkat.tls.mbedtls;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libmbedtls.so.14 functions this provider calls (conventions in {@link LibMbedCrypto}), and the
 * constants of ssl.h it needs. Loading it loads libmbedx509 and libmbedcrypto too (its DT_NEEDED).
 */
final class LibMbedTls {

    static final String DEFAULT_NAME = "libmbedtls.so.14";

    static final int MBEDTLS_SSL_IS_CLIENT = 0;
    static final int MBEDTLS_SSL_IS_SERVER = 1;
    static final int MBEDTLS_SSL_TRANSPORT_STREAM = 0;
    static final int MBEDTLS_SSL_PRESET_DEFAULT = 0;

    static final int MBEDTLS_SSL_VERIFY_NONE = 0;
    static final int MBEDTLS_SSL_VERIFY_OPTIONAL = 1;
    static final int MBEDTLS_SSL_VERIFY_REQUIRED = 2;

    static final int MBEDTLS_SSL_MAJOR_VERSION_3 = 3;
    /** TLS 1.2; the only minor version Debian's 2.28 build offers besides the older ones. */
    static final int MBEDTLS_SSL_MINOR_VERSION_3 = 3;

    static final int MBEDTLS_SSL_RENEGOTIATION_DISABLED = 0;
    static final int MBEDTLS_SSL_LEGACY_NO_RENEGOTIATION = 0;

    /** mbedtls_ecp_group_id (ecp.h). */
    static final int MBEDTLS_ECP_DP_NONE = 0;
    static final int MBEDTLS_ECP_DP_SECP256R1 = 3;
    static final int MBEDTLS_ECP_DP_SECP384R1 = 4;
    static final int MBEDTLS_ECP_DP_CURVE25519 = 9;

    /** mbedtls_md_type_t (md.h): the hashes of the signature algorithms. */
    static final int MBEDTLS_MD_SHA256 = 6;
    static final int MBEDTLS_MD_SHA384 = 7;
    static final int MBEDTLS_MD_SHA512 = 8;

    static final int MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE = -0x7480;
    static final int MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE = -0x7780;
    static final int MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY = -0x7880;
    static final int MBEDTLS_ERR_SSL_WANT_READ = -0x6900;
    static final int MBEDTLS_ERR_SSL_INVALID_RECORD = -0x7200;
    static final int MBEDTLS_ERR_SSL_BAD_INPUT_DATA = -0x7100;
    static final byte MBEDTLS_SSL_ALERT_LEVEL_FATAL = 2;
    static final byte MBEDTLS_SSL_ALERT_MSG_RECORD_OVERFLOW = 22;
    static final int MBEDTLS_ERR_SSL_WANT_WRITE = -0x6880;

    /** MbedTLS's ticket writer of ssl_ticket.c, handed to mbedtls_ssl_conf_session_tickets_cb as a pointer. */
    static final Pointer TICKET_WRITE;

    static {
        NativeLibrary library = NativeLibrary.getInstance(DEFAULT_NAME);
        Native.register(LibMbedTls.class, library);
        TICKET_WRITE = library.getFunction("mbedtls_ssl_ticket_write");
    }

    private LibMbedTls() {
    }

    /** mbedtls_ssl_send_t and mbedtls_ssl_recv_t: int (void *ctx, unsigned char *buf, size_t len). */
    interface IoCallback extends Callback {
        int invoke(Pointer context, Pointer buffer, long length);
    }

    /** int (*f_vrfy)(void *, mbedtls_x509_crt *, int depth, uint32_t *flags). */
    interface VerifyCallback extends Callback {
        int invoke(Pointer arg, Pointer crt, int depth, Pointer flags);
    }

    /** int (*f_sni)(void *, mbedtls_ssl_context *, const unsigned char *name, size_t len). */
    interface ServerNameCallback extends Callback {
        int invoke(Pointer arg, Pointer ssl, Pointer name, long length);
    }

    /** mbedtls_ssl_ticket_parse_t: int (void *p_ticket, mbedtls_ssl_session *, unsigned char *buf, size_t len). */
    interface TicketParseCallback extends Callback {
        int invoke(Pointer tickets, Pointer session, Pointer buffer, long length);
    }

    /**
     * mbedtls_ssl_export_keys_ext_t: int (void *, const unsigned char *ms, const unsigned char *kb, size_t maclen,
     * size_t keylen, size_t ivlen, const unsigned char client_random[32], const unsigned char server_random[32],
     * mbedtls_tls_prf_types).
     */
    interface ExportKeysCallback extends Callback {
        int invoke(Pointer arg, Pointer masterSecret, Pointer keyBlock, long macLength, long keyLength, long ivLength,
                   Pointer clientRandom, Pointer serverRandom, int prfType);
    }

    static native void mbedtls_ssl_config_init(Pointer conf);

    static native int mbedtls_ssl_config_defaults(Pointer conf, int endpoint, int transport, int preset);

    static native void mbedtls_ssl_config_free(Pointer conf);

    static native void mbedtls_ssl_conf_rng(Pointer conf, Pointer rngFunction, Pointer rng);

    static native void mbedtls_ssl_conf_authmode(Pointer conf, int authmode);

    static native void mbedtls_ssl_conf_min_version(Pointer conf, int major, int minor);

    static native void mbedtls_ssl_conf_max_version(Pointer conf, int major, int minor);

    /** {@code ciphersuites}: a zero-terminated int array that must outlive the config. */
    static native void mbedtls_ssl_conf_ciphersuites(Pointer conf, Pointer ciphersuites);

    /** {@code curves}: an MBEDTLS_ECP_DP_NONE-terminated array that must outlive the config. */
    static native void mbedtls_ssl_conf_curves(Pointer conf, Pointer curves);

    /** {@code hashes}: an MBEDTLS_MD_NONE-terminated array that must outlive the config. */
    static native void mbedtls_ssl_conf_sig_hashes(Pointer conf, Pointer hashes);

    static native void mbedtls_ssl_conf_renegotiation(Pointer conf, int renegotiation);

    static native void mbedtls_ssl_conf_legacy_renegotiation(Pointer conf, int allowLegacy);

    static native void mbedtls_ssl_conf_ca_chain(Pointer conf, Pointer chain, Pointer revocations);

    static native int mbedtls_ssl_conf_own_cert(Pointer conf, Pointer chain, Pointer key);

    /** {@code protocols}: a NULL-terminated array of C strings that must outlive the config. */
    static native int mbedtls_ssl_conf_alpn_protocols(Pointer conf, Pointer protocols);

    static native void mbedtls_ssl_conf_sni(Pointer conf, ServerNameCallback callback, Pointer arg);

    static native void mbedtls_ssl_conf_export_keys_ext_cb(Pointer conf, ExportKeysCallback callback, Pointer arg);

    static native void mbedtls_ssl_conf_session_tickets_cb(Pointer conf, Pointer write, TicketParseCallback parse,
                                                           Pointer tickets);

    static native int mbedtls_ssl_get_ciphersuite_id(String name);

    static native void mbedtls_ssl_ticket_init(Pointer tickets);

    static native int mbedtls_ssl_ticket_setup(Pointer tickets, Pointer rngFunction, Pointer rng, int cipher,
                                               int lifetimeSeconds);

    static native int mbedtls_ssl_ticket_parse(Pointer tickets, Pointer session, Pointer buffer, long length);

    static native void mbedtls_ssl_ticket_free(Pointer tickets);

    static native void mbedtls_ssl_init(Pointer ssl);

    static native int mbedtls_ssl_setup(Pointer ssl, Pointer conf);

    static native void mbedtls_ssl_free(Pointer ssl);

    static native int mbedtls_ssl_send_alert_message(Pointer ssl, byte level, byte message);

    static native void mbedtls_ssl_set_bio(Pointer ssl, Pointer context, IoCallback send, IoCallback receive,
                                           Pointer receiveWithTimeout);

    static native void mbedtls_ssl_set_verify(Pointer ssl, VerifyCallback callback, Pointer arg);

    static native int mbedtls_ssl_set_hostname(Pointer ssl, String hostname);

    static native int mbedtls_ssl_set_hs_own_cert(Pointer ssl, Pointer chain, Pointer key);

    static native int mbedtls_ssl_set_session(Pointer ssl, Pointer session);

    static native int mbedtls_ssl_get_session(Pointer ssl, Pointer session);

    static native void mbedtls_ssl_session_init(Pointer session);

    static native void mbedtls_ssl_session_free(Pointer session);

    static native int mbedtls_ssl_handshake(Pointer ssl);

    static native int mbedtls_ssl_read(Pointer ssl, Pointer buffer, long length);

    static native int mbedtls_ssl_write(Pointer ssl, Pointer buffer, long length);

    static native int mbedtls_ssl_close_notify(Pointer ssl);

    /** Non-zero when the context holds bytes of a record, read but not yet processed. */
    static native int mbedtls_ssl_check_pending(Pointer ssl);

    /** Decrypted bytes waiting to be read. */
    static native long mbedtls_ssl_get_bytes_avail(Pointer ssl);

    static native String mbedtls_ssl_get_version(Pointer ssl);

    static native String mbedtls_ssl_get_ciphersuite(Pointer ssl);

    static native String mbedtls_ssl_get_alpn_protocol(Pointer ssl);

    static native Pointer mbedtls_ssl_get_peer_cert(Pointer ssl);
}
