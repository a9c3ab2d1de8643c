package dev.meerkat.tls.openssl;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsException;
import io.netty.internal.tcnative.Buffer;
import io.netty.internal.tcnative.SSL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A certificate chain (a BoringSSL STACK_OF(CRYPTO_BUFFER)) and a private key (EVP_PKEY) parsed once
 * per context and attached to each SSL with {@code SSL.setKeyMaterial}, which takes its own
 * references. {@link #free()} releases the context's references.
 */
final class NativeKeyMaterial {

    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    final long chain;
    final long key;

    private NativeKeyMaterial(long chain, long key) {
        this.chain = chain;
        this.key = key;
    }

    static NativeKeyMaterial parse(KeyMaterial material) throws TlsException {
        long chain = 0;
        try {
            chain = parseWith(ascii(material.chainPem()), Kind.CHAIN);
            // A PKCS#8 PRIVATE KEY block, as netty's PemPrivateKey hands it to the same tcnative parser.
            long key = parseWith(ascii(material.privateKeyPem()), Kind.KEY);
            return new NativeKeyMaterial(chain, key);
        } catch (Exception e) {
            SSL.freeX509Chain(chain);
            throw new TlsException(TlsException.Kind.CONFIGURATION, "BoringSSL could not read the key material of "
                    + material.leaf().getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    void free() {
        SSL.freeX509Chain(chain);
        SSL.freePrivateKey(key);
    }

    private enum Kind { CHAIN, KEY }

    /** PEM goes through a memory BIO: the only input tcnative's parsers take. */
    private static long parseWith(byte[] pem, Kind kind) throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(pem.length).put(pem);
        long bio = SSL.newMemBIO();
        try {
            SSL.bioWrite(bio, Buffer.address(direct), pem.length);
            return kind == Kind.CHAIN ? SSL.parseX509Chain(bio) : SSL.parsePrivateKey(bio, null);
        } finally {
            SSL.freeBIO(bio);
            direct.clear().put(new byte[pem.length]);
            Arrays.fill(pem, (byte) 0);
        }
    }

    /**
     * The trusted certificates as PEM CERTIFICATE blocks. Without a private key they are no
     * {@link KeyMaterial}, so they cannot use {@link KeyMaterial#chainPem()}.
     */
    static byte[] pemOf(List<X509Certificate> certificates) throws CertificateEncodingException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append("-----BEGIN CERTIFICATE-----\n").append(PEM_BASE64.encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return ascii(pem.toString());
    }

    private static byte[] ascii(String pem) {
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
