package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DER between Java's certificate and key objects and OpenSSL's X509 / EVP_PKEY. The d2i/i2d
 * functions take a {@code const unsigned char **} that they advance, so the DER sits in one native
 * block after an 8-byte slot that holds its address.
 */
final class X509Codec {

    private X509Codec() {
    }

    /** A new X509 the caller must free with X509_free. */
    static Pointer toNative(X509Certificate certificate) throws TlsException {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateException e) {
            throw new TlsException(Kind.CONFIGURATION, "cannot encode certificate "
                    + certificate.getSubjectX500Principal().getName(), e);
        }
        try (Memory block = derBlock(der)) {
            Pointer x509 = LibCrypto.d2i_X509(null, block, der.length);
            if (x509 == null) {
                throw new TlsException(Kind.CONFIGURATION, "OpenSSL rejected certificate "
                        + certificate.getSubjectX500Principal().getName() + ": " + OpenSslErrorQueue.drainText());
            }
            return x509;
        }
    }

    /** A new EVP_PKEY the caller must free with EVP_PKEY_free. The DER copy is wiped before it is freed. */
    static Pointer toNative(PrivateKey key) throws TlsException {
        byte[] der = key.getEncoded();
        if (der == null) {
            throw new TlsException(Kind.CONFIGURATION, "expected an extractable " + key.getAlgorithm()
                    + " private key (PKCS#8) but its encoding is not available (a hardware key?)");
        }
        try (Memory block = derBlock(der)) {
            Pointer pkey = LibCrypto.d2i_AutoPrivateKey(null, block, der.length);
            block.clear();
            if (pkey == null) {
                throw new TlsException(Kind.CONFIGURATION, "OpenSSL rejected the " + key.getAlgorithm()
                        + " private key: " + OpenSslErrorQueue.drainText());
            }
            return pkey;
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** The certificates of a STACK_OF(X509), in order. */
    static List<X509Certificate> fromStack(Pointer stack) throws TlsException {
        List<X509Certificate> chain = new ArrayList<>();
        if (stack == null) {
            return chain;
        }
        int count = LibCrypto.OPENSSL_sk_num(stack);
        for (int i = 0; i < count; i++) {
            chain.add(fromNative(LibCrypto.OPENSSL_sk_value(stack, i)));
        }
        return chain;
    }

    static X509Certificate fromNative(Pointer x509) throws TlsException {
        int length = LibCrypto.i2d_X509(x509, null);
        if (length <= 0) {
            throw new TlsException(Kind.PROTOCOL, "OpenSSL cannot encode a peer certificate: " + OpenSslErrorQueue.drainText());
        }
        try (Memory block = new Memory(Long.BYTES + (long) length)) {
            block.setPointer(0, block.share(Long.BYTES));
            LibCrypto.i2d_X509(x509, block);
            byte[] der = block.getByteArray(Long.BYTES, length);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new TlsException(Kind.PROTOCOL, "the peer's certificate is not valid X.509 DER", e);
        }
    }

    private static Memory derBlock(byte[] der) {
        Memory block = new Memory(Long.BYTES + (long) der.length);
        block.write(Long.BYTES, der, 0, der.length);
        block.setPointer(0, block.share(Long.BYTES));
        return block;
    }
}
