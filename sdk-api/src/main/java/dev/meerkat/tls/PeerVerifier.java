package dev.meerkat.tls;

import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.spi.TlsFailures;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The one place certificate decisions are made, shared by every provider: PKIX path validation
 * against the config's trust anchors, and RFC 9525 host name matching ({@link HostnameMatcher}).
 * Failures are {@link TlsException}s whose {@link TlsException.Kind} is the same whichever backend
 * asked: UNTRUSTED_CERTIFICATE, EXPIRED_CERTIFICATE, HOSTNAME_MISMATCH or MISSING_CLIENT_CERTIFICATE.
 *
 * <p>Revocation is not checked (no CRL or OCSP fetches from inside a handshake).
 */
public final class PeerVerifier {

    /** RFC 5280 section 4.2.1.12 key purposes. */
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final TlsConfig config;
    private final List<X509Certificate> anchorCertificates;
    /** For membership tests: TrustAnchor has no equals, X509Certificate compares encodings. */
    private final Set<X509Certificate> anchorSet;
    private final Set<TrustAnchor> anchors;

    private PeerVerifier(TlsConfig config, List<X509Certificate> anchorCertificates) {
        this.config = config;
        this.anchorCertificates = List.copyOf(anchorCertificates);
        this.anchorSet = Set.copyOf(anchorCertificates);
        this.anchors = anchorCertificates.stream()
                .map(c -> new TrustAnchor(c, null))
                .collect(Collectors.toUnmodifiableSet());
    }

    static PeerVerifier of(TlsConfig config) {
        if (config.trustManager() != null) {
            return new PeerVerifier(config, List.of(config.trustManager().getAcceptedIssuers()));
        }
        Set<X509Certificate> certificates = new LinkedHashSet<>(config.trustedCertificates());
        if (config.trustSystem()) {
            certificates.addAll(SystemTrust.ISSUERS);
        }
        return new PeerVerifier(config, new ArrayList<>(certificates));
    }

    /**
     * Client side: checks the server's chain (leaf first) and, when the config asks, that it
     * matches {@code hostname} (a DNS name or an IP literal; null means the config's server name).
     * Does nothing when the config does not verify the peer. Thread-safe.
     *
     * @param chain    the server's certificates, leaf first
     * @param hostname the host the client meant, or null for the config's server name
     * @throws TlsException {@link TlsException.Kind#UNTRUSTED_CERTIFICATE} for an empty chain or one
     *                      that leads to no trust anchor, {@link TlsException.Kind#EXPIRED_CERTIFICATE}
     *                      for a certificate outside its validity, or
     *                      {@link TlsException.Kind#HOSTNAME_MISMATCH} when the leaf does not name the host
     */
    public void verifyServer(List<X509Certificate> chain, @Nullable String hostname) throws TlsException {
        if (!config.verifyPeer()) {
            return;
        }
        String host = hostname != null ? hostname : config.serverName();
        String subject = host != null ? "certificate for " + host : "server certificate";
        if (chain.isEmpty()) {
            throw new TlsException(Kind.UNTRUSTED_CERTIFICATE, subject + " is not trusted: the server sent no certificate");
        }
        validate(chain, SERVER_AUTH, subject);
        if (config.verifyHostname()) {
            checkHostname(chain.get(0), host);
        }
    }

    /**
     * Client side, for a chain someone else trusted (the user's SSLContext): only the host name
     * check, when the config asks for it. Thread-safe.
     *
     * @param chain    the server's certificates, leaf first; empty passes
     * @param hostname the host the client meant, or null for the config's server name
     * @throws TlsException {@link TlsException.Kind#HOSTNAME_MISMATCH} when the leaf does not name
     *                      the host
     */
    public void verifyHostname(List<X509Certificate> chain, @Nullable String hostname) throws TlsException {
        if (config.verifyHostname() && !chain.isEmpty()) {
            checkHostname(chain.get(0), hostname != null ? hostname : config.serverName());
        }
    }

    /**
     * Server side: checks a client's chain. An empty chain passes unless client authentication is
     * {@link TlsConfig.ClientAuth#REQUIRED}. Does nothing when the config does not verify the peer.
     * Thread-safe.
     *
     * @param chain the client's certificates, leaf first; empty when it sent none
     * @throws TlsException {@link TlsException.Kind#MISSING_CLIENT_CERTIFICATE} for an empty chain when
     *                      one is required, {@link TlsException.Kind#UNTRUSTED_CERTIFICATE} or
     *                      {@link TlsException.Kind#EXPIRED_CERTIFICATE} for a chain that fails
     */
    public void verifyClient(List<X509Certificate> chain) throws TlsException {
        if (!config.verifyPeer()) {
            return;
        }
        if (chain.isEmpty()) {
            if (config.clientAuth() == TlsConfig.ClientAuth.REQUIRED) {
                throw new TlsException(Kind.MISSING_CLIENT_CERTIFICATE,
                        "expected a client certificate (client authentication is required) but the client sent none");
            }
            return;
        }
        validate(chain, CLIENT_AUTH, "client certificate " + chain.get(0).getSubjectX500Principal().getName());
    }

    /**
     * {@return the trust anchors, which a server names as accepted issuers in its CertificateRequest}
     */
    public List<X509Certificate> acceptedIssuers() {
        return anchorCertificates;
    }

    /**
     * This verifier as a JSSE trust manager (for SSLEngine-based providers). The TlsException is the
     * cause of the CertificateException it throws, so the provider can recover its kind with
     * {@link TlsFailures#findCause}. {@code hostname} null means the engine's peer host.
     *
     * @param hostname the host to check the server against, or null for the engine's peer host
     * @return a trust manager that decides as this verifier does
     */
    public X509ExtendedTrustManager asTrustManager(@Nullable String hostname) {
        return new PeerVerifierTrustManager(this, hostname);
    }

    private void validate(List<X509Certificate> chain, String purpose, String subject) throws TlsException {
        if (config.trustManager() != null) {
            UserTrust.check(config.trustManager(), chain, purpose.equals(SERVER_AUTH), subject);
            return;
        }
        X509Certificate leaf = chain.get(0);
        checkValidity(leaf, subject);
        checkExtendedKeyUsage(leaf, purpose, subject);
        if (anchorSet.contains(leaf)) {
            return;
        }
        if (anchors.isEmpty()) {
            throw new TlsException(Kind.UNTRUSTED_CERTIFICATE, subject + " is not trusted: no trust anchors are configured");
        }
        validatePath(pathToAnchor(chain), subject);
    }

    /** The chain up to (not including) the first certificate that is itself a trust anchor. */
    private List<X509Certificate> pathToAnchor(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(chain.get(0));
        for (X509Certificate c : chain.subList(1, chain.size())) {
            if (anchorSet.contains(c)) {
                break;
            }
            path.add(c);
        }
        return path;
    }

    private void validatePath(List<X509Certificate> path, String subject) throws TlsException {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw pathFailure(e, path, subject);
        } catch (GeneralSecurityException e) {
            throw new TlsException(Kind.UNTRUSTED_CERTIFICATE, subject + " is not trusted: " + e.getMessage(), e);
        }
    }

    private static TlsException pathFailure(CertPathValidatorException e, List<X509Certificate> path, String subject) {
        if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
            return new TlsException(Kind.EXPIRED_CERTIFICATE, subject + " is not valid now: " + e.getMessage(), e);
        }
        String reason = e.getReason() == PKIXReason.NO_TRUST_ANCHOR
                ? noAnchorReason(path) : e.getReason() + ": " + e.getMessage();
        return new TlsException(Kind.UNTRUSTED_CERTIFICATE, subject + " is not trusted: " + reason, e);
    }

    private static String noAnchorReason(List<X509Certificate> path) {
        X509Certificate last = path.get(path.size() - 1);
        return "expected a chain to a trusted root but it ends at " + last.getSubjectX500Principal().getName()
                + " issued by " + last.getIssuerX500Principal().getName() + ", which is not trusted";
    }

    private static void checkValidity(X509Certificate leaf, String subject) throws TlsException {
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new TlsException(Kind.EXPIRED_CERTIFICATE, subject + " expired on " + leaf.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new TlsException(Kind.EXPIRED_CERTIFICATE,
                    subject + " is not valid before " + leaf.getNotBefore().toInstant(), e);
        }
    }

    private static void checkExtendedKeyUsage(X509Certificate leaf, String purpose, String subject)
            throws TlsException {
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new TlsException(Kind.UNTRUSTED_CERTIFICATE, subject + " has an unreadable extended key usage", e);
        }
        if (usages != null && !usages.contains(purpose) && !usages.contains(ANY_EXTENDED_KEY_USAGE)) {
            String expected = purpose.equals(SERVER_AUTH) ? "serverAuth" : "clientAuth";
            throw new TlsException(Kind.UNTRUSTED_CERTIFICATE, subject + " is not trusted: expected extended key usage "
                    + expected + " (" + purpose + ") but the certificate allows only " + usages);
        }
    }

    private static void checkHostname(X509Certificate leaf, String host) throws TlsException {
        if (host == null) {
            throw new TlsException(Kind.HOSTNAME_MISMATCH, "expected a host name to check the server certificate"
                    + " against but none was given (set serverName or insecureSkipHostnameVerification)");
        }
        if (!HostnameMatcher.matches(leaf, host)) {
            throw new TlsException(Kind.HOSTNAME_MISMATCH, "expected a certificate for " + host
                    + " but the server's certificate is for " + HostnameMatcher.describeNames(leaf));
        }
    }

    /** The JDK's default trust store, loaded once: it does not change while the JVM runs. */
    private static final class SystemTrust {
        static final List<X509Certificate> ISSUERS = load();

        private static List<X509Certificate> load() {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager tm : factory.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x509) {
                        return List.of(x509.getAcceptedIssuers());
                    }
                }
                throw new IllegalStateException("expected an X509TrustManager from the JDK's default trust store but found none");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot load the JDK's default trust store: " + e.getMessage(), e);
            }
        }
    }
}
