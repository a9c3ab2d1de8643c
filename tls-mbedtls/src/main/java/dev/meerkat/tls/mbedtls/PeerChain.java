package dev.meerkat.tls.mbedtls;

import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A native mbedtls_x509_crt list (each entry's raw DER, then its next) as Java certificates, in order. */
final class PeerChain {

    /** A peer sends a handful; the bound only stops a corrupt list from looping. */
    private static final int MAX_LENGTH = 64;

    private PeerChain() {
    }

    static List<X509Certificate> read(Pointer crt) throws TlsException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Pointer entry = crt; entry != null && chain.size() < MAX_LENGTH;
                 entry = entry.getPointer(NativeLayout.Field.X509_CRT_NEXT.offset())) {
                long length = entry.getLong(NativeLayout.Field.X509_CRT_RAW_LEN.offset());
                Pointer der = entry.getPointer(NativeLayout.Field.X509_CRT_RAW_P.offset());
                if (der == null || length <= 0) {
                    break; // an initialised, empty entry: the end of the list
                }
                byte[] bytes = der.getByteArray(0, (int) length);
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
            }
        } catch (CertificateException e) {
            throw new TlsException(Kind.PROTOCOL, "the peer's certificate is not valid X.509 DER", e);
        }
        return chain;
    }
}
