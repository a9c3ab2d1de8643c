package dev.meerkat.tls;

import dev.meerkat.tls.spi.TlsFailures;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A {@link PeerVerifier} seen as a JSSE trust manager. JSSE only lets a trust manager throw
 * {@link CertificateException}: the {@link TlsException} rides along as its cause so the provider
 * can recover the kind ({@link TlsFailures#findCause}).
 */
final class PeerVerifierTrustManager extends X509ExtendedTrustManager {

    private final PeerVerifier verifier;
    private final String hostname;

    PeerVerifierTrustManager(PeerVerifier verifier, String hostname) {
        this.verifier = verifier;
        this.hostname = hostname;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServer(chain, hostname);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServer(chain, hostname != null ? hostname : peerHost(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServer(chain, hostname != null || engine == null ? hostname : engine.getPeerHost());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkClient(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClient(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClient(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return verifier.acceptedIssuers().toArray(new X509Certificate[0]);
    }

    private void checkServer(X509Certificate[] chain, String host) throws CertificateException {
        try {
            verifier.verifyServer(asList(chain), host);
        } catch (TlsException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    private void checkClient(X509Certificate[] chain) throws CertificateException {
        try {
            verifier.verifyClient(asList(chain));
        } catch (TlsException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    private static List<X509Certificate> asList(X509Certificate[] chain) {
        return chain == null ? List.of() : List.of(chain);
    }

    private static String peerHost(Socket socket) {
        if (socket instanceof SSLSocket ssl) {
            SSLSession session = ssl.getHandshakeSession();
            return session != null ? session.getPeerHost() : null;
        }
        return null;
    }
}
