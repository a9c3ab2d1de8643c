package dev.meerkat.tls.openssl.jna;

import dev.meerkat.tls.TlsException.Kind;

/**
 * X509_V_ERR codes (x509_vfy.h) for a rejected peer. OpenSSL derives the alert it sends from the
 * code (ssl_x509err2alert): unknown_ca, certificate_expired, certificate_unknown, handshake_failure.
 */
final class VerifyErrors {

    static final int X509_V_ERR_CERT_HAS_EXPIRED = 10;
    static final int X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY = 20;
    static final int X509_V_ERR_APPLICATION_VERIFICATION = 50;
    static final int X509_V_ERR_HOSTNAME_MISMATCH = 62;

    private VerifyErrors() {
    }

    static int x509ErrorFor(Kind kind) {
        return switch (kind) {
            case EXPIRED_CERTIFICATE -> X509_V_ERR_CERT_HAS_EXPIRED;
            case UNTRUSTED_CERTIFICATE -> X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
            case HOSTNAME_MISMATCH -> X509_V_ERR_HOSTNAME_MISMATCH;
            default -> X509_V_ERR_APPLICATION_VERIFICATION;
        };
    }
}
