package dev.meerkat.tls.bc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/** Converts certificate chains between the JDK's X509Certificate and BC's TLS Certificate message. */
final class BcCertificates {

    private BcCertificates() {
    }

    /** The chain of a received Certificate message, leaf first; empty for an empty message. */
    static List<X509Certificate> toX509(Certificate message) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        if (message == null) {
            return chain;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (TlsCertificate certificate : message.getCertificateList()) {
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(certificate.getEncoded())));
            }
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "cannot parse the peer's certificate", e);
        }
        return chain;
    }

    /**
     * Our chain as a Certificate message. TLS 1.3 (RFC 8446 section 4.4.2) needs the request
     * context and per-entry extensions, so BC wants the (context, entries) form there; TLS 1.2 the
     * plain list. {@code requestContext} null means TLS 1.2.
     */
    static Certificate toMessage(TlsCrypto crypto, List<X509Certificate> chain, byte[] requestContext)
            throws IOException {
        TlsCertificate[] certificates = new TlsCertificate[chain.size()];
        for (int i = 0; i < certificates.length; i++) {
            certificates[i] = crypto.createCertificate(encoded(chain.get(i)));
        }
        if (requestContext == null) {
            return new Certificate(certificates);
        }
        CertificateEntry[] entries = new CertificateEntry[certificates.length];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new CertificateEntry(certificates[i], null);
        }
        return new Certificate(requestContext, entries);
    }

    private static byte[] encoded(X509Certificate certificate) throws IOException {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "cannot encode our certificate "
                    + certificate.getSubjectX500Principal(), e);
        }
    }
}
