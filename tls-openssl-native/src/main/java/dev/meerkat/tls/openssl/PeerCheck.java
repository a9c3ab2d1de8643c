package dev.meerkat.tls.openssl;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.ServerNames;
import io.netty.internal.tcnative.CertificateVerifier;
import io.netty.internal.tcnative.SSL;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * One engine's view of its peer: runs the config's shared {@link dev.meerkat.tls.PeerVerifier} from
 * BoringSSL's verify callback and remembers the verdict, so the engine can throw the verifier's own
 * {@link TlsException} (same kind on every provider) instead of BoringSSL's generic error.
 *
 * <p>Callbacks must never throw: a Java exception left pending across the JNI boundary would escape
 * from the unrelated native call that ran the handshake.
 */
final class PeerCheck {

    private final TlsConfig config;
    private final String host;
    private List<X509Certificate> chain;
    private TlsException failure;

    PeerCheck(TlsConfig config, String host) {
        this.config = config;
        this.host = host;
    }

    /** SNI carries DNS names only (RFC 6066 section 3: "Literal IPv4 and IPv6 addresses are not permitted"). */
    static boolean isDnsName(String host) {
        return host != null && !host.isEmpty() && !ServerNames.isIpLiteral(host);
    }

    /** Returns X509_V_OK or the X509_V_ERR code whose alert BoringSSL sends. */
    int verify(byte[][] der, boolean server) {
        try {
            chain = decode(der);
            if (server) {
                config.peerVerifier().verifyClient(chain);
            } else {
                config.peerVerifier().verifyServer(chain, host);
            }
            return CertificateVerifier.X509_V_OK;
        } catch (TlsException e) {
            rememberFailure(e);
            return OpenSslErrors.verifyResultOf(e.kind());
        } catch (CertificateException | RuntimeException e) {
            rememberFailure(new TlsException(TlsException.Kind.UNTRUSTED_CERTIFICATE,
                    "could not check the peer's certificate chain: " + e, e));
            return CertificateVerifier.X509_V_ERR_UNSPECIFIED;
        }
    }

    void rememberFailure(TlsException e) {
        if (failure == null) {
            failure = e;
        }
    }

    TlsException failure() {
        return failure;
    }

    /**
     * The peer's chain, leaf first: the one the verifier saw, else read from the SSL (tcnative's
     * getPeerCertChain leaves out a client's leaf on the server side, so it is added back).
     */
    List<X509Certificate> peerCertificates(long ssl, boolean server) {
        if (chain != null) {
            return chain;
        }
        try {
            List<byte[]> der = new ArrayList<>();
            byte[] leaf = server ? SSL.getPeerCertificate(ssl) : null;
            if (leaf != null) {
                der.add(leaf);
            }
            byte[][] rest = SSL.getPeerCertChain(ssl);
            if (rest != null) {
                der.addAll(List.of(rest));
            }
            return decode(der.toArray(byte[][]::new));
        } catch (CertificateException e) {
            return List.of();
        }
    }

    private static List<X509Certificate> decode(byte[][] der) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>(der.length);
        for (byte[] encoded : der) {
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(encoded)));
        }
        return List.copyOf(certificates);
    }
}
