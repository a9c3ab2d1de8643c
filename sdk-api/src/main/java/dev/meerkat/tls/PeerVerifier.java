package dev.meerkat.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The one place certificate decisions are made, shared by every provider: PKIX path validation
 * against the config's trust anchors, and RFC 6125 host name matching. Failures are
 * {@link TlsException}s whose {@link TlsException.Kind} is the same whichever backend asked.
 */
public final class PeerVerifier {
    // API skeleton: the implementation replaces every body below.

    static PeerVerifier of(TlsConfig config) { throw new UnsupportedOperationException(); }

    /**
     * Client side: checks the server's chain (leaf first) and, when the config asks, that it
     * matches {@code hostname} (a DNS name or an IP literal).
     */
    public void verifyServer(List<X509Certificate> chain, String hostname) throws TlsException { throw new UnsupportedOperationException(); }

    /** Server side: checks a client's chain; an empty chain fails with MISSING_CLIENT_CERTIFICATE when required. */
    public void verifyClient(List<X509Certificate> chain) throws TlsException { throw new UnsupportedOperationException(); }

    /** The accepted issuers, for a server's CertificateRequest. */
    public List<X509Certificate> acceptedIssuers() { throw new UnsupportedOperationException(); }

    /**
     * This verifier as a JSSE trust manager (for SSLEngine-based providers). The TlsException is the
     * cause of the CertificateException it throws, so the provider can recover its kind.
     */
    public X509ExtendedTrustManager asTrustManager(String hostname) { throw new UnsupportedOperationException(); }
}
