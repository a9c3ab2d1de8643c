package dev.meerkat.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first: an endpoint's identity, for
 * {@link TlsConfig.Builder#keyMaterial}.
 *
 * @param privateKey the key of the leaf certificate
 * @param chain      the certificate chain, leaf first; never empty
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    /**
     * Checks and copies the chain.
     *
     * @param privateKey the key of the leaf certificate
     * @param chain      the certificate chain, leaf first
     * @throws IllegalArgumentException when {@code chain} is empty
     */
    public KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
        }
        chain = List.copyOf(chain);
    }

    /**
     * Reads a PEM chain (leaf first) and a PEM key: PKCS#8, PKCS#1 RSA or SEC1 EC, as OpenSSL writes
     * them. The key must not be encrypted.
     *
     * @param chainFile a file of CERTIFICATE blocks, leaf first
     * @param keyFile   a file holding the private key
     * @return the key and its chain
     * @throws TlsException {@link TlsException.Kind#CONFIGURATION} when a file is missing or
     *                      unreadable, holds no certificate or key, or the key is encrypted or of
     *                      an unknown type
     */
    public static KeyMaterial fromPem(Path chainFile, Path keyFile) throws TlsException {
        return new KeyMaterial(Pem.readPrivateKey(keyFile), Pem.readCertificates(chainFile));
    }

    /**
     * Reads a PEM chain and key from text, as {@link #fromPem(Path, Path)} reads files.
     *
     * @param chainPem CERTIFICATE blocks, leaf first
     * @param keyPem   the private key block
     * @return the key and its chain
     * @throws TlsException {@link TlsException.Kind#CONFIGURATION} when the text holds no certificate
     *                      or key, or the key is encrypted or of an unknown type
     */
    public static KeyMaterial fromPem(String chainPem, String keyPem) throws TlsException {
        return new KeyMaterial(Pem.parsePrivateKey(keyPem), Pem.parseCertificates(chainPem));
    }

    /**
     * Reads the first key entry of a PKCS#12 file.
     *
     * @param file     the PKCS#12 store
     * @param password the password of the store and of its key entry
     * @return the entry's key and its chain
     * @throws TlsException {@link TlsException.Kind#CONFIGURATION} when the file is missing, not
     *                      PKCS#12, the password is wrong, or no entry holds a key
     */
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
     * @param hostsOrIps the names and IP literals the certificate is for; at least one
     * @return the new key and its one-certificate chain
     * @throws IllegalArgumentException when no host is given or an IP literal is malformed
     */
    public static KeyMaterial selfSigned(String... hostsOrIps) {
        return SelfSignedCertificate.generate(List.of(hostsOrIps));
    }

    /** {@return the leaf certificate: the first of the chain, the one the private key belongs to} */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * {@return the chain as PEM CERTIFICATE blocks, leaf first, as {@link #fromPem(String, String)} reads it}
     *
     * @throws IllegalStateException when a certificate cannot be encoded
     */
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

    /**
     * {@return the private key as a PEM PRIVATE KEY (PKCS#8) block}
     *
     * @throws IllegalStateException for a key that cannot leave its store (a hardware key)
     */
    public String privateKeyPem() {
        if (!"PKCS#8".equals(privateKey.getFormat()) || privateKey.getEncoded() == null) {
            throw new IllegalStateException("expected a private key encodable as PKCS#8 but its format was "
                    + privateKey.getFormat());
        }
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
    }
}
