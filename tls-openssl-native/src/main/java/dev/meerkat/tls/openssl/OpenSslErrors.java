package dev.meerkat.tls.openssl;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import io.netty.internal.tcnative.CertificateVerifier;
import io.netty.internal.tcnative.SSL;
import java.util.List;

/** Turns BoringSSL's error queue into {@link TlsException}s with the same kinds as every provider. */
final class OpenSslErrors {

    /** Reasons that mean the two sides could not agree, as opposed to bytes that are not valid TLS. */
    private static final List<String> HANDSHAKE_REASONS = List.of("NO_SHARED_CIPHER", "UNSUPPORTED_PROTOCOL",
            "NO_SHARED_GROUP", "NO_COMMON_SIGNATURE_ALGORITHMS", "NO_APPLICATION_PROTOCOL",
            "NO_CIPHERS_AVAILABLE", "NO_CERTIFICATE_SET", "NO_SUPPORTED_VERSIONS_ENABLED");

    private OpenSslErrors() {
    }

    /**
     * The failure behind {@code sslError} (an SSL_ERROR_* code), read from and then cleared off this
     * thread's error queue.
     */
    static TlsException drain(int sslError, boolean server) {
        String text = sslError == SSL.SSL_ERROR_SSL ? SSL.getLastError() : "SSL_get_error " + sslError;
        SSL.clearError();
        return classify(text, server);
    }

    /** Maps an OpenSSL error string such as "error:10000416:SSL routines:...:SSLV3_ALERT_..." to a kind. */
    static TlsException classify(String text, boolean server) {
        String role = server ? "server" : "client";
        if (server && text.contains("PEER_DID_NOT_RETURN_A_CERTIFICATE")) {
            return new TlsException(Kind.MISSING_CLIENT_CERTIFICATE,
                    "expected a client certificate (client authentication is required) but the client sent none");
        }
        if (text.contains("_ALERT_")) {
            return new TlsException(Kind.PEER_ALERT, role + " received a fatal alert from its peer: " + text);
        }
        for (String reason : HANDSHAKE_REASONS) {
            if (text.contains(reason)) {
                return new TlsException(Kind.HANDSHAKE, role + " handshake failed: " + text);
            }
        }
        return new TlsException(Kind.PROTOCOL, role + " read bytes that are not valid TLS: " + text);
    }

    /** The X509_V_ERR code whose alert (RFC 8446 section 6.2) best tells the peer why we reject it. */
    static int verifyResultOf(Kind kind) {
        return switch (kind) {
            case EXPIRED_CERTIFICATE -> CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
            case UNTRUSTED_CERTIFICATE -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
            case HOSTNAME_MISMATCH -> CertificateVerifier.X509_V_ERR_HOSTNAME_MISMATCH;
            default -> CertificateVerifier.X509_V_ERR_CERT_REJECTED;
        };
    }
}
