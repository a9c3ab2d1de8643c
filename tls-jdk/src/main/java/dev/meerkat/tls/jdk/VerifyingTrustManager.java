package dev.meerkat.tls.jdk;

import dev.meerkat.tls.TlsConfig;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The one trust manager of a context: every decision goes to the config's
 * {@link dev.meerkat.tls.PeerVerifier}, never to the JDK's own PKIX or endpoint checks, so that
 * every provider accepts and rejects the same peers with the same error kind. The host name to
 * check is per engine (the config's server name, else the host the engine connects to), while the
 * SSLContext is per config: hence this small dispatcher.
 */
final class VerifyingTrustManager extends X509ExtendedTrustManager {

    private final TlsConfig config;

    VerifyingTrustManager(TlsConfig config) {
        this.config = config;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        verifierFor(engine.getPeerHost()).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        verifierFor(null).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        verifierFor(null).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        verifierFor(null).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verifierFor(null).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verifierFor(null).checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return config.peerVerifier().acceptedIssuers().toArray(new X509Certificate[0]);
    }

    private X509ExtendedTrustManager verifierFor(String peerHost) {
        return config.peerVerifier().asTrustManager(hostnameToVerify(config, peerHost));
    }

    /** The name the server's certificate must match: the configured server name, else the connect host. */
    static String hostnameToVerify(TlsConfig config, String peerHost) {
        return config.serverName() != null ? config.serverName() : peerHost;
    }
}
