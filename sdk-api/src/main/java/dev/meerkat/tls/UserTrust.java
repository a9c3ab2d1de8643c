package dev.meerkat.tls;

import dev.meerkat.tls.TlsException.Kind;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/**
 * The user's {@link X509TrustManager} asked by the {@link PeerVerifier}, on any provider. Its
 * CertificateException becomes a TlsException of the same kinds as ours: EXPIRED_CERTIFICATE when a
 * validity check failed, UNTRUSTED_CERTIFICATE otherwise.
 */
final class UserTrust {

    /**
     * SunJSSE's authType for TLS 1.3 and for any signature-based key exchange: the JDK's trust
     * manager then asks the server's key for digitalSignature, which every policy suite needs (ECDHE).
     */
    private static final String SERVER_AUTH_TYPE = "UNKNOWN";

    private UserTrust() {
    }

    static void check(X509TrustManager manager, List<X509Certificate> chain, boolean server, String subject)
            throws TlsException {
        X509Certificate[] certificates = chain.toArray(new X509Certificate[0]);
        try {
            if (server) {
                manager.checkServerTrusted(certificates, SERVER_AUTH_TYPE);
            } else {
                manager.checkClientTrusted(certificates, certificates[0].getPublicKey().getAlgorithm());
            }
        } catch (CertificateException e) {
            throw new TlsException(isValidity(e) ? Kind.EXPIRED_CERTIFICATE : Kind.UNTRUSTED_CERTIFICATE,
                    subject + " is not trusted by the configured trust manager: " + e.getMessage(), e);
        }
    }

    private static boolean isValidity(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
                    || t instanceof CertPathValidatorException path && (path.getReason() == BasicReason.EXPIRED
                            || path.getReason() == BasicReason.NOT_YET_VALID)) {
                return true;
            }
        }
        return false;
    }
}
