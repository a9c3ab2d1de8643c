package dev.meerkat.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
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

    public X509Certificate leaf() {
        return chain.get(0);
    }
}
