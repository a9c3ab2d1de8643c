package dev.meerkat.tls.jdk;

import dev.meerkat.tls.PeerVerifier;
import dev.meerkat.tls.TlsException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * The shared host name check for a client on the user's own SSLContext, whose trust manager is not
 * ours: the engine runs it as soon as the server's certificate is in the handshake session, before
 * the client sends its Finished or any data.
 */
final class HostnameCheck {

    private final PeerVerifier verifier;
    private final String hostname;

    HostnameCheck(PeerVerifier verifier, String hostname) {
        this.verifier = verifier;
        this.hostname = hostname;
    }

    /** True once the server's chain was checked; false while it has not arrived yet. */
    boolean ranOn(SSLEngine engine) throws TlsException {
        SSLSession session = engine.getHandshakeSession() != null ? engine.getHandshakeSession() : engine.getSession();
        List<X509Certificate> chain = JdkTlsEngine.peerCertificates(session);
        if (chain.isEmpty()) {
            return false;
        }
        verifier.verifyHostname(chain, hostname);
        return true;
    }
}
