package dev.meerkat.tls;

import static dev.meerkat.tls.Der.bitString;
import static dev.meerkat.tls.Der.bool;
import static dev.meerkat.tls.Der.concat;
import static dev.meerkat.tls.Der.constructed;
import static dev.meerkat.tls.Der.encode;
import static dev.meerkat.tls.Der.integer;
import static dev.meerkat.tls.Der.octetString;
import static dev.meerkat.tls.Der.oid;
import static dev.meerkat.tls.Der.sequence;
import static dev.meerkat.tls.Der.set;
import static dev.meerkat.tls.Der.utcTime;
import static dev.meerkat.tls.Der.utf8;

import dev.meerkat.tls.spi.ServerNames;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Makes the certificate behind {@link KeyMaterial#selfSigned}: a new EC P-256 key and the
 * TBSCertificate of RFC 5280 section 4.1 written in DER and signed with SHA256withECDSA, in pure
 * Java so that demos need nothing but a JDK.
 *
 * <p>It is a CA certificate (basicConstraints cA, keyCertSign) as {@code openssl req -x509} makes
 * them: OpenSSL-based clients (curl) only accept a self-signed trust anchor that may sign.
 */
final class SelfSignedCertificate {

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** RFC 5280 4.2.1.3 bits, first byte: digitalSignature (0x80) and keyCertSign (0x04). */
    private static final byte KEY_USAGE_BITS = (byte) 0x84;
    /** GeneralName choices of RFC 5280 4.2.1.6, IMPLICIT context tags: [2] dNSName, [7] iPAddress. */
    private static final int DNS_NAME = 0x82;
    private static final int IP_ADDRESS = 0x87;
    private static final int VERSION_TAG = 0xA0;
    private static final int EXTENSIONS_TAG = 0xA3;

    private SelfSignedCertificate() {
    }

    /** A new key and a certificate for {@code hostsOrIps}, valid from an hour ago for 30 days. */
    static KeyMaterial generate(List<String> hostsOrIps) {
        if (hostsOrIps.isEmpty()) {
            throw new IllegalArgumentException("expected at least one host name or IP address for the certificate but got none");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] tbs = tbsCertificate(pair, hostsOrIps, ZonedDateTime.now());
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] der = sequence(tbs, sequence(oid(ECDSA_WITH_SHA256)), bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new KeyMaterial(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed EC P-256 certificate: " + e.getMessage(), e);
        }
    }

    /** The subject's common name is the first host; RFC 6125 clients match the SAN entries only. */
    private static byte[] tbsCertificate(KeyPair pair, List<String> hostsOrIps, ZonedDateTime now) {
        byte[] name = sequence(set(sequence(oid(COMMON_NAME), utf8(hostsOrIps.get(0)))));
        byte[] serial = integer(new BigInteger(127, new SecureRandom()).add(BigInteger.ONE));
        return sequence(
                constructed(VERSION_TAG, integer(BigInteger.TWO)),
                serial,
                sequence(oid(ECDSA_WITH_SHA256)),
                name,
                sequence(utcTime(now.minusHours(1)), utcTime(now.plusDays(30))),
                name,
                pair.getPublic().getEncoded(),
                constructed(EXTENSIONS_TAG, sequence(extensions(hostsOrIps))));
    }

    private static byte[] extensions(List<String> hostsOrIps) {
        byte[][] altNames = hostsOrIps.stream().map(SelfSignedCertificate::altName).toArray(byte[][]::new);
        return concat(
                extension(SUBJECT_ALT_NAME, false, sequence(altNames)),
                extension(BASIC_CONSTRAINTS, true, sequence(bool(true))),
                extension(KEY_USAGE, true, encode(Der.BIT_STRING, new byte[] {2, KEY_USAGE_BITS})),
                extension(EXTENDED_KEY_USAGE, false, sequence(oid(SERVER_AUTH))));
    }

    private static byte[] altName(String hostOrIp) {
        if (!ServerNames.isIpLiteral(hostOrIp)) {
            return encode(DNS_NAME, hostOrIp.getBytes(StandardCharsets.US_ASCII));
        }
        try {
            // A literal: getByName parses it and does no lookup.
            return encode(IP_ADDRESS, InetAddress.getByName(hostOrIp).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("expected an IPv4 or IPv6 address but was \"" + hostOrIp + "\"", e);
        }
    }

    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical ? sequence(oid(id), bool(true), octetString(value)) : sequence(oid(id), octetString(value));
    }
}
