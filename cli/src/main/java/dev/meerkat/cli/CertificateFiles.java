package dev.meerkat.cli;

import dev.meerkat.tls.KeyMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Key material as the files and fingerprint that curl, openssl and a user's eyes take. */
final class CertificateFiles {

    private CertificateFiles() {
    }

    /** Writes {@code cert.pem} and {@code key.pem} into {@code directory}; returns the certificate's path. */
    static Path write(KeyMaterial material, Path directory) throws IOException {
        Path cert = directory.resolve("cert.pem");
        Files.writeString(cert, material.chainPem(), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("key.pem"), material.privateKeyPem(), StandardCharsets.US_ASCII);
        return cert;
    }

    /** The SHA-256 fingerprint of the DER certificate, as {@code AB:CD:...} like {@code openssl x509 -fingerprint}. */
    static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash the certificate: " + e.getMessage(), e);
        }
    }
}
