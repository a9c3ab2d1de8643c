package dev.meerkat.tls.mbedtls;

import com.sun.jna.Memory;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * One {@link KeyMaterial} in MbedTLS's form: the chain parsed into one mbedtls_x509_crt list, leaf
 * first, and the private key in an mbedtls_pk_context. A config keeps pointers to both, so they are
 * freed only after every config and connection that uses them.
 */
final class OwnCertificate {

    private final Memory chain;
    private final Memory key;

    private OwnCertificate(Memory chain, Memory key) {
        this.chain = chain;
        this.key = key;
    }

    static OwnCertificate parse(KeyMaterial material) throws TlsException {
        Memory chain = NativeLayout.Struct.X509_CRT.allocate();
        Memory key = NativeLayout.Struct.PK_CONTEXT.allocate();
        LibMbedX509.mbedtls_x509_crt_init(chain);
        LibMbedCrypto.mbedtls_pk_init(key);
        OwnCertificate own = new OwnCertificate(chain, key);
        try {
            for (X509Certificate certificate : material.chain()) {
                byte[] der = certificate.getEncoded();
                int result = LibMbedX509.mbedtls_x509_crt_parse_der(chain, der, der.length);
                if (result != 0) {
                    throw new TlsException(Kind.CONFIGURATION, "MbedTLS rejected certificate "
                            + certificate.getSubjectX500Principal().getName() + ": " + MbedErrors.text(result));
                }
            }
            parseKey(key, material);
            return own;
        } catch (CertificateEncodingException e) {
            own.free();
            throw new TlsException(Kind.CONFIGURATION, "cannot encode a certificate of the key material", e);
        } catch (TlsException | RuntimeException e) {
            own.free();
            throw e;
        }
    }

    /** PKCS#8 DER; the copies are wiped before they are freed. */
    private static void parseKey(Memory key, KeyMaterial material) throws TlsException {
        byte[] der = material.privateKey().getEncoded();
        if (der == null) {
            throw new TlsException(Kind.CONFIGURATION, "expected an extractable " + material.privateKey().getAlgorithm()
                    + " private key (PKCS#8) but its encoding is not available (a hardware key?)");
        }
        try (Memory block = new Memory(der.length)) {
            block.write(0, der, 0, der.length);
            int result = LibMbedCrypto.mbedtls_pk_parse_key(key, block, der.length, null, 0);
            block.clear();
            if (result != 0) {
                throw new TlsException(Kind.CONFIGURATION, "MbedTLS rejected the " + material.privateKey().getAlgorithm()
                        + " private key: " + MbedErrors.text(result));
            }
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    Memory chain() {
        return chain;
    }

    Memory key() {
        return key;
    }

    void free() {
        LibMbedX509.mbedtls_x509_crt_free(chain);
        LibMbedCrypto.mbedtls_pk_free(key);
        chain.close();
        key.close();
    }
}
