package dev.meerkat.cli;

import static dev.meerkat.cli.DerWriter.bitString;
import static dev.meerkat.cli.DerWriter.bool;
import static dev.meerkat.cli.DerWriter.element;
import static dev.meerkat.cli.DerWriter.integer;
import static dev.meerkat.cli.DerWriter.octetString;
import static dev.meerkat.cli.DerWriter.oid;
import static dev.meerkat.cli.DerWriter.sequence;
import static dev.meerkat.cli.DerWriter.set;
import static dev.meerkat.cli.DerWriter.utcTime;
import static dev.meerkat.cli.DerWriter.utf8;

import dev.meerkat.tls.KeyMaterial;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A self-signed EC P-256 certificate for {@code localhost} and {@code 127.0.0.1}, made in pure Java
 * (so that {@code meerkat demo} needs nothing but a JDK): the TBSCertificate of RFC 5280 section
 * 4.1 is written in DER and signed with SHA256withECDSA.
 *
 * <p>It is a CA certificate (basicConstraints cA, keyCertSign) as {@code openssl req -x509} makes
 * them: OpenSSL-based clients (curl) only accept a self-signed trust anchor that may sign.
 */
public record SelfSignedCertificate(KeyMaterial keyMaterial, String certificatePem, String privateKeyPem) {

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** RFC 5280 4.2.1.3 bits, first byte: digitalSignature (0x80) and keyCertSign (0x04). */
    private static final byte KEY_USAGE_BITS = (byte) 0x84;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    /** A new key and a certificate valid from an hour ago for 30 days. */
    public static SelfSignedCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] tbs = tbsCertificate(pair, ZonedDateTime.now());
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] der = sequence(tbs, sequence(oid(ECDSA_WITH_SHA256)), bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new SelfSignedCertificate(new KeyMaterial(pair.getPrivate(), List.of(certificate)),
                    pem("CERTIFICATE", der), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed EC P-256 certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return keyMaterial.leaf();
    }

    /** The SHA-256 fingerprint of the DER certificate, as {@code AB:CD:...} like {@code openssl x509 -fingerprint}. */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash the certificate: " + e.getMessage(), e);
        }
    }

    /** Writes {@code cert.pem} and {@code key.pem} into {@code directory}; returns the certificate's path. */
    public Path writeTo(Path directory) throws IOException {
        Path cert = directory.resolve("cert.pem");
        Files.writeString(cert, certificatePem, StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("key.pem"), privateKeyPem, StandardCharsets.US_ASCII);
        return cert;
    }

    private static byte[] tbsCertificate(KeyPair pair, ZonedDateTime now) {
        byte[] name = sequence(set(sequence(oid(COMMON_NAME), utf8("localhost"))));
        byte[] serial = integer(new BigInteger(127, new SecureRandom()).add(BigInteger.ONE));
        return sequence(
                element(0xA0, integer(BigInteger.TWO)),
                serial,
                sequence(oid(ECDSA_WITH_SHA256)),
                name,
                sequence(utcTime(now.minusHours(1)), utcTime(now.plusDays(30))),
                name,
                pair.getPublic().getEncoded(),
                element(0xA3, sequence(extensions())));
    }

    private static byte[] extensions() {
        byte[] altNames = sequence(element(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)), element(0x87, LOOPBACK));
        return concat(
                extension(SUBJECT_ALT_NAME, false, altNames),
                extension(BASIC_CONSTRAINTS, true, sequence(bool(true))),
                extension(KEY_USAGE, true, element(DerWriter.BIT_STRING, new byte[] {2, KEY_USAGE_BITS})),
                extension(EXTENDED_KEY_USAGE, false, sequence(oid(SERVER_AUTH))));
    }

    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical ? sequence(oid(id), bool(true), octetString(value)) : sequence(oid(id), octetString(value));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
