package dev.meerkat.tls;

import dev.meerkat.tls.Der.DerException;
import dev.meerkat.tls.Der.Element;
import dev.meerkat.tls.Pem.Block;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;

/**
 * Private keys from PEM blocks: PKCS#8 as is, and OpenSSL's traditional formats (PKCS#1 RSA,
 * SEC1 EC) wrapped into PKCS#8 (RFC 5208) so that the JDK's {@link KeyFactory} can read them.
 */
final class PemKeys {

    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    /** PKCS#8 AlgorithmIdentifier OIDs and the JDK KeyFactory that reads them. */
    private static final Map<String, String> KEY_FACTORIES = Map.of(
            RSA_ENCRYPTION, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC_PUBLIC_KEY, "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.2.840.10040.4.1", "DSA");

    private static final String EXPECTED = "a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block";

    private PemKeys() {
    }

    /** The first private key among {@code blocks}; an EC PARAMETERS block before it is skipped. */
    static PrivateKey privateKey(List<Block> blocks, String source) throws TlsException {
        String curveFromParameters = null;
        for (Block b : blocks) {
            switch (b.label()) {
                case "EC PARAMETERS" -> curveFromParameters = curveOid(b, source);
                case "PRIVATE KEY" -> {
                    return pkcs8(b, source);
                }
                case "RSA PRIVATE KEY" -> {
                    return rsaPkcs1(b, source);
                }
                case "EC PRIVATE KEY" -> {
                    return ecSec1(b, curveFromParameters, source);
                }
                case "ENCRYPTED PRIVATE KEY" -> throw encrypted(source);
                default -> {
                }
            }
        }
        throw Pem.configuration("expected " + EXPECTED + " in " + source + " but found " + Pem.labels(blocks), null);
    }

    private static PrivateKey pkcs8(Block b, String source) throws TlsException {
        rejectEncrypted(b, source);
        try {
            List<Element> info = Der.readSingle(b.der()).children();
            if (info.size() < 3) {
                throw new DerException("expected version, algorithm and key but found " + info.size() + " elements");
            }
            String oid = info.get(1).children().get(0).oid();
            String algorithm = KEY_FACTORIES.get(oid);
            if (algorithm == null) {
                throw Pem.configuration("expected an RSA, EC, Ed25519, Ed448 or DSA key in " + source
                        + " but its PKCS#8 algorithm is OID " + oid, null);
            }
            return generate(algorithm, b.der(), source);
        } catch (DerException | IndexOutOfBoundsException e) {
            throw malformed(b, source, e);
        }
    }

    /** RFC 8017 RSAPrivateKey inside PrivateKeyInfo with rsaEncryption and NULL parameters. */
    private static PrivateKey rsaPkcs1(Block b, String source) throws TlsException {
        rejectEncrypted(b, source);
        byte[] algorithm = Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nullValue());
        return generate("RSA", Der.sequence(Der.smallInteger(0), algorithm, Der.octetString(b.der())), source);
    }

    /** RFC 5915 ECPrivateKey inside PrivateKeyInfo with id-ecPublicKey and the named curve (RFC 5480). */
    private static PrivateKey ecSec1(Block b, String curveFromParameters, String source) throws TlsException {
        rejectEncrypted(b, source);
        try {
            String curve = curveFromParameters;
            for (Element e : Der.readSingle(b.der()).children()) {
                if (e.tag() == Der.CONTEXT_0) {
                    curve = Der.readSingle(e.content()).oid();
                }
            }
            if (curve == null) {
                throw Pem.configuration("expected a named curve in the EC PRIVATE KEY of " + source
                        + " (or an EC PARAMETERS block before it) but found none", null);
            }
            byte[] algorithm = Der.sequence(Der.oid(EC_PUBLIC_KEY), Der.oid(curve));
            return generate("EC", Der.sequence(Der.smallInteger(0), algorithm, Der.octetString(b.der())), source);
        } catch (DerException e) {
            throw malformed(b, source, e);
        }
    }

    private static String curveOid(Block b, String source) throws TlsException {
        try {
            return Der.readSingle(b.der()).oid();
        } catch (DerException e) {
            throw Pem.configuration("expected a named curve OID in the EC PARAMETERS block of " + source
                    + " but " + e.getMessage() + " (explicit curve parameters are not supported)", e);
        }
    }

    private static PrivateKey generate(String algorithm, byte[] pkcs8, String source) throws TlsException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw Pem.configuration("expected a valid " + algorithm + " private key in " + source
                    + " but the JDK rejects it: " + e.getMessage(), e);
        }
    }

    /** RFC 1421 encryption headers, as {@code openssl ec -aes128} writes them. */
    private static void rejectEncrypted(Block b, String source) throws TlsException {
        String procType = b.headers().get("Proc-Type");
        if (procType != null && procType.contains("ENCRYPTED")) {
            throw encrypted(source);
        }
    }

    private static TlsException encrypted(String source) {
        return Pem.configuration("expected an unencrypted private key in " + source
                + " but it is encrypted: encrypted keys are not supported; decrypt it with"
                + " 'openssl pkey -in encrypted.key -out plain.key'", null);
    }

    private static TlsException malformed(Block b, String source, Exception cause) {
        return Pem.configuration("expected a DER-encoded " + b.label() + " in " + source
                + " but it is malformed: " + cause.getMessage(), cause);
    }
}
