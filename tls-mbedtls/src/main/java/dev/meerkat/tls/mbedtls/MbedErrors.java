package dev.meerkat.tls.mbedtls;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * MbedTLS's negative error codes as {@link TlsException}s with the kinds every provider uses: a
 * received fatal alert is PEER_ALERT, a failed negotiation HANDSHAKE, bytes that are not valid TLS
 * PROTOCOL.
 */
final class MbedErrors {

    /**
     * ssl.h: the two sides could not agree (as opposed to bytes that are not valid TLS, which
     * BAD_HS_CLIENT_HELLO and BAD_HS_SERVER_HELLO also report).
     */
    private static final Set<Integer> HANDSHAKE_ERRORS = Set.of(
            -0x7380 /* NO_CIPHER_CHOSEN */, -0x6E80 /* BAD_HS_PROTOCOL_VERSION */, -0x6980 /* NO_USABLE_CIPHERSUITE */,
            -0x7580 /* CERTIFICATE_REQUIRED */, -0x6D00 /* PK_TYPE_MISMATCH */);

    private MbedErrors() {
    }

    /** mbedtls_strerror's text with the code, e.g. "SSL - Verification of the message MAC failed (-0x7180)". */
    static String text(int code) {
        byte[] buffer = new byte[200];
        LibMbedCrypto.mbedtls_strerror(code, buffer, buffer.length);
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, StandardCharsets.US_ASCII) + " (-0x" + Integer.toHexString(-code) + ")";
    }

    static TlsException classify(int code, String role) {
        String detail = text(code);
        if (code == LibMbedTls.MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE) {
            return new TlsException(Kind.PEER_ALERT, role + " received a fatal alert from its peer: " + detail);
        }
        if (code == LibMbedTls.MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE) {
            return new TlsException(Kind.MISSING_CLIENT_CERTIFICATE,
                    "expected a client certificate (client authentication is required) but the client sent none");
        }
        if (code == LibMbedX509.MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
            return new TlsException(Kind.UNTRUSTED_CERTIFICATE, role + " rejected the peer's certificate: " + detail);
        }
        if (HANDSHAKE_ERRORS.contains(code)) {
            return new TlsException(Kind.HANDSHAKE, role + " handshake failed: " + detail);
        }
        return new TlsException(Kind.PROTOCOL, role + " read bytes that are not valid TLS: " + detail);
    }
}
