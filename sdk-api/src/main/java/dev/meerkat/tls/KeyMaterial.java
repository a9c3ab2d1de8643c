package dev.meerkat.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first.
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    public KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
        }
        chain = List.copyOf(chain);
    }

    /** Reads a PEM chain (leaf first) and a PEM key: PKCS#8, PKCS#1 RSA or SEC1 EC, as OpenSSL writes them. */
    public static KeyMaterial fromPem(Path chainFile, Path keyFile) throws TlsException {
        return new KeyMaterial(Pem.readPrivateKey(keyFile), Pem.readCertificates(chainFile));
    }

    /** The same from PEM text. */
    public static KeyMaterial fromPem(String chainPem, String keyPem) throws TlsException {
        return new KeyMaterial(Pem.parsePrivateKey(keyPem), Pem.parseCertificates(chainPem));
    }

    /** Reads the first key entry of a PKCS#12 file. */
    public static KeyMaterial fromPkcs12(Path file, char[] password) throws TlsException {
        return Pem.readPkcs12(file, password);
    }

    /**
     * A new EC P-256 key and a self-signed certificate (SHA256withECDSA) naming {@code hostsOrIps}
     * in its subject alternative names (IP literals as iPAddress, the rest as dNSName; the first is
     * also the common name), valid from an hour ago for 30 days. For tests and demos only: trust it
     * by its certificate ({@code TlsConfig.client().trustCertificates(List.of(m.leaf()))}), never as
     * a production identity. Made in pure Java, so it needs nothing but the JDK.
     *
     * @throws IllegalArgumentException when no host is given or an IP literal is malformed
     */
    public static KeyMaterial selfSigned(String... hostsOrIps) {
        return SelfSignedCertificate.generate(List.of(hostsOrIps));
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The chain as PEM CERTIFICATE blocks, leaf first, as {@link #fromPem(String, String)} reads it. */
    public String chainPem() {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                pem.append(Pem.encode("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode the certificate of "
                        + certificate.getSubjectX500Principal() + ": " + e.getMessage(), e);
            }
        }
        return pem.toString();
    }

    /** The private key as a PEM PRIVATE KEY (PKCS#8) block; fails for a key that cannot leave its store. */
    public String privateKeyPem() {
        if (!"PKCS#8".equals(privateKey.getFormat()) || privateKey.getEncoded() == null) {
            throw new IllegalStateException("expected a private key encodable as PKCS#8 but its format was "
                    + privateKey.getFormat());
        }
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
    }
}
