package dev.meerkat.tls.bc;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.Tls13Verifier;
import org.bouncycastle.tls.crypto.TlsNonceGenerator;
import org.bouncycastle.tls.crypto.TlsStreamSigner;
import org.bouncycastle.tls.crypto.TlsStreamVerifier;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * BC's {@link JcaTlsCrypto} over the JVM's own providers, with one translation: BC asks for RSA-PSS
 * signatures by the BC provider's names ("SHA256WITHRSASSA-PSS", "SHA256WITHRSAANDMGF1"), which the
 * JDK does not know; the JDK has "RSASSA-PSS" with explicit parameters. Without this every RSA
 * certificate fails (TLS 1.3 signs only with RSA-PSS, RFC 8446 section 4.2.3), and the alternative,
 * BC's JCA provider as the main provider, would make AES-GCM about thirty times slower.
 */
final class JdkJcaCrypto extends JcaTlsCrypto {

    /** RFC 8446 section 4.2.3: rsa_pss_rsae_* use MGF1 with the same hash and a salt as long as the hash. */
    private static final Map<String, PSSParameterSpec> PSS = Map.of(
            "SHA256", pss("SHA-256", MGF1ParameterSpec.SHA256, 32),
            "SHA384", pss("SHA-384", MGF1ParameterSpec.SHA384, 48),
            "SHA512", pss("SHA-512", MGF1ParameterSpec.SHA512, 64));

    private final TlsNonceGenerator nonces;

    JdkJcaCrypto(SecureRandom random) {
        super(new DefaultJcaJceHelper(), random, random);
        this.nonces = super.createNonceGenerator(new byte[0]);
    }

    /**
     * One nonce generator for every connection of this crypto, instead of BC's one per connection:
     * each is a SHA-512 hash DRBG of about 1.4 KB that an idle connection would keep. The nonces
     * (hello randoms, session IDs, CBC explicit IVs) still come from a DRBG of their own, seeded
     * from the entropy source and apart from the key-generating random, and its
     * {@code nextBytes} is synchronized.
     */
    @Override
    public TlsNonceGenerator createNonceGenerator(byte[] additionalSeedMaterial) {
        return nonces;
    }

    @Override
    protected TlsStreamSigner createStreamSigner(JcaJceHelper helper, String algorithm, AlgorithmParameterSpec parameter,
                                                 PrivateKey key, SecureRandom random) throws GeneralSecurityException {
        PSSParameterSpec pss = pssParameters(algorithm);
        if (pss == null) {
            return super.createStreamSigner(helper, algorithm, parameter, key, random);
        }
        Signature signature = jdkPss(pss);
        signature.initSign(key, random);
        return new Signing(signature);
    }

    @Override
    protected TlsStreamVerifier createStreamVerifier(String algorithm, AlgorithmParameterSpec parameter,
                                                     byte[] signed, PublicKey key) throws IOException {
        PSSParameterSpec pss = pssParameters(algorithm);
        if (pss == null) {
            return super.createStreamVerifier(algorithm, parameter, signed, key);
        }
        Signature signature = verifier(pss, key);
        return new Verifying(signature, signed);
    }

    @Override
    protected Tls13Verifier createTls13Verifier(String algorithm, AlgorithmParameterSpec parameter, PublicKey key)
            throws IOException {
        PSSParameterSpec pss = pssParameters(algorithm);
        if (pss == null) {
            return super.createTls13Verifier(algorithm, parameter, key);
        }
        Verifying verifying = new Verifying(verifier(pss, key), null);
        return new Tls13Verifier() {
            @Override
            public OutputStream getOutputStream() {
                return verifying.getOutputStream();
            }

            @Override
            public boolean verifySignature(byte[] signed) throws IOException {
                return verifying.verify(signed);
            }
        };
    }

    private static Signature verifier(PSSParameterSpec pss, PublicKey key) throws IOException {
        try {
            Signature signature = jdkPss(pss);
            signature.initVerify(key);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "cannot verify with the JDK's RSASSA-PSS", e);
        }
    }

    private static Signature jdkPss(PSSParameterSpec pss) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(pss);
        return signature;
    }

    private static PSSParameterSpec pssParameters(String algorithm) {
        String name = algorithm.toUpperCase(Locale.ROOT);
        int with = name.indexOf("WITHRSASSA-PSS");
        if (with < 0) {
            with = name.indexOf("WITHRSAANDMGF1");
        }
        return with < 0 ? null : PSS.get(name.substring(0, with));
    }

    private static PSSParameterSpec pss(String hash, MGF1ParameterSpec mgf, int saltLength) {
        return new PSSParameterSpec(hash, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    /** Feeds the signed content to a JDK Signature. */
    private static class SignatureStream extends OutputStream {
        final Signature signature;

        SignatureStream(Signature signature) {
            this.signature = signature;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                signature.update(b, off, len);
            } catch (SignatureException e) {
                throw new TlsFatalAlert(AlertDescription.internal_error, e);
            }
        }
    }

    private static final class Signing extends SignatureStream implements TlsStreamSigner {
        Signing(Signature signature) {
            super(signature);
        }

        @Override
        public OutputStream getOutputStream() {
            return this;
        }

        @Override
        public byte[] getSignature() throws IOException {
            try {
                return signature.sign();
            } catch (SignatureException e) {
                throw new TlsFatalAlert(AlertDescription.internal_error, e);
            }
        }
    }

    private static final class Verifying extends SignatureStream implements TlsStreamVerifier {
        private final byte[] signed;

        Verifying(Signature signature, byte[] signed) {
            super(signature);
            this.signed = signed;
        }

        @Override
        public OutputStream getOutputStream() {
            return this;
        }

        @Override
        public boolean isVerified() throws IOException {
            return verify(signed);
        }

        /** A malformed signature is a failed verification, not an error (BC then sends decrypt_error). */
        boolean verify(byte[] candidate) {
            try {
                return signature.verify(candidate);
            } catch (SignatureException e) {
                return false;
            }
        }
    }
}
