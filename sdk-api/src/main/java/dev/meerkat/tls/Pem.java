package dev.meerkat.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads certificates and keys as OpenSSL writes them. Errors name the file and what was wrong. */
final class Pem {
    // API skeleton: the implementation replaces every body below.
    private Pem() {
    }

    static List<X509Certificate> readCertificates(Path file) throws TlsException { throw new UnsupportedOperationException(); }

    static List<X509Certificate> parseCertificates(String pem) throws TlsException { throw new UnsupportedOperationException(); }

    static PrivateKey readPrivateKey(Path file) throws TlsException { throw new UnsupportedOperationException(); }

    static PrivateKey parsePrivateKey(String pem) throws TlsException { throw new UnsupportedOperationException(); }

    static KeyMaterial readPkcs12(Path file, char[] password) throws TlsException { throw new UnsupportedOperationException(); }

    static List<X509Certificate> certificatesOf(KeyStore store) throws TlsException { throw new UnsupportedOperationException(); }
}
