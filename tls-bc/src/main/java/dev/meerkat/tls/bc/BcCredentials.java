package dev.meerkat.tls.bc;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * Our certificate and a signer for it, for either crypto: the signature scheme is the first one
 * our key can make that the peer listed (RFC 8446 section 4.2.3; RFC 5246 section 7.4.1.4.1).
 */
final class BcCredentials {

    private static final List<Integer> RSA_SCHEMES = List.of(SignatureScheme.rsa_pss_rsae_sha256,
            SignatureScheme.rsa_pss_rsae_sha384, SignatureScheme.rsa_pss_rsae_sha512);
    /** PKCS#1 v1.5 signatures are allowed in TLS 1.2 handshakes only (RFC 8446 section 4.2.3). */
    private static final List<Integer> RSA_PKCS1_SCHEMES = List.of(SignatureScheme.rsa_pkcs1_sha256,
            SignatureScheme.rsa_pkcs1_sha384, SignatureScheme.rsa_pkcs1_sha512);

    private BcCredentials() {
    }

    /**
     * A signer for {@code material}. {@code peerAlgorithms} is what the peer accepts (null: the
     * TLS 1.2 default); {@code requestContext} is the TLS 1.3 certificate_request_context.
     */
    static TlsCredentialedSigner signer(TlsContext context, KeyMaterial material, Vector<?> peerAlgorithms,
                                        byte[] requestContext) throws IOException {
        boolean tls13 = TlsUtils.isTLSv13(context);
        SignatureAndHashAlgorithm algorithm = choose(material.privateKey(), peerAlgorithms, tls13);
        TlsCrypto crypto = context.getCrypto();
        Certificate certificate = BcCertificates.toMessage(crypto, material.chain(), tls13 ? requestContext : null);
        TlsCryptoParameters parameters = new TlsCryptoParameters(context);
        PrivateKey key = material.privateKey();
        if (crypto instanceof JcaTlsCrypto jca) {
            return new JcaDefaultTlsCredentialedSigner(parameters, jca, key, certificate, algorithm);
        }
        return new BcDefaultTlsCredentialedSigner(parameters, (BcTlsCrypto) crypto,
                PrivateKeyFactory.createKey(key.getEncoded()), certificate, algorithm);
    }

    static boolean isRsa(PrivateKey key) {
        return key instanceof RSAPrivateKey;
    }

    private static SignatureAndHashAlgorithm choose(PrivateKey key, Vector<?> peerAlgorithms, boolean tls13)
            throws IOException {
        List<Integer> candidates = schemesFor(key, tls13);
        for (int scheme : candidates) {
            SignatureAndHashAlgorithm algorithm = SignatureScheme.getSignatureAndHashAlgorithm(scheme);
            if (peerAlgorithms == null || peerAlgorithms.contains(algorithm)) {
                return algorithm;
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "expected the peer to accept one of "
                + candidates.stream().map(SignatureScheme::getName).toList() + " for our " + key.getAlgorithm()
                + " key but it accepts only " + peerAlgorithms);
    }

    private static List<Integer> schemesFor(PrivateKey key, boolean tls13) throws IOException {
        if (key instanceof ECPrivateKey ec) {
            return List.of(ecdsaScheme(ec.getParams().getCurve().getField().getFieldSize()));
        }
        if (key instanceof RSAPrivateKey) {
            return tls13 ? RSA_SCHEMES
                    : java.util.stream.Stream.concat(RSA_SCHEMES.stream(), RSA_PKCS1_SCHEMES.stream()).toList();
        }
        if (key instanceof EdECPrivateKey ed) {
            return List.of("Ed448".equalsIgnoreCase(ed.getParams().getName())
                    ? SignatureScheme.ed448 : SignatureScheme.ed25519);
        }
        throw unsupportedKey(key);
    }

    /** TLS 1.3 binds each ECDSA scheme to one curve (RFC 8446 section 4.2.3); TLS 1.2 uses the same codes. */
    private static int ecdsaScheme(int fieldBits) throws IOException {
        return switch (fieldBits) {
            case 256 -> SignatureScheme.ecdsa_secp256r1_sha256;
            case 384 -> SignatureScheme.ecdsa_secp384r1_sha384;
            case 521 -> SignatureScheme.ecdsa_secp521r1_sha512;
            default -> throw new TlsFatalAlert(AlertDescription.internal_error, new TlsException(Kind.CONFIGURATION,
                    "expected an EC key on P-256, P-384 or P-521 but the curve has " + fieldBits + " bits"));
        };
    }

    private static TlsFatalAlert unsupportedKey(PrivateKey key) {
        return new TlsFatalAlert(AlertDescription.internal_error, new TlsException(Kind.CONFIGURATION,
                "expected an EC, RSA or EdDSA private key but was " + key.getAlgorithm()));
    }
}
