package dev.meerkat.tls.mbedtls;

import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import java.util.List;

/** Reads the outcome of a completed handshake off an mbedtls_ssl_context as a {@link TlsSession}. */
final class SessionReader {

    private SessionReader() {
    }

    /**
     * {@code resumed}: MbedTLS 2.28 has no getter for it; the engine knows it on a client, which
     * offered a session and saw no Certificate message (RFC 5246 section 7.3: an abbreviated
     * handshake has none).
     */
    static TlsSession read(Pointer ssl, boolean resumed) throws TlsException {
        String cipher = LibMbedTls.mbedtls_ssl_get_ciphersuite(ssl);
        Pointer peer = LibMbedTls.mbedtls_ssl_get_peer_cert(ssl);
        return new TlsSession(MbedTlsProvider.NAME, LibMbedTls.mbedtls_ssl_get_version(ssl),
                cipher == null ? null : CipherSuites.ianaName(cipher), LibMbedTls.mbedtls_ssl_get_alpn_protocol(ssl),
                peer == null ? List.of() : PeerChain.read(peer), resumed);
    }
}
