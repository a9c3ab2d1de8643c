package dev.meerkat.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a handshake.
 *
 * @param provider            the provider's name, e.g. "jdk"
 * @param protocol            "TLSv1.2" or "TLSv1.3"
 * @param cipherSuite         the IANA name, e.g. "TLS_AES_128_GCM_SHA256"
 * @param applicationProtocol the ALPN result, or null when none was agreed
 * @param peerCertificates    the peer's chain, leaf first; empty when the peer sent none
 * @param resumed             true when an earlier session was resumed
 * @param namedGroup          the key exchange's group by its IANA name, e.g. "X25519MLKEM768" or "x25519"
 *                            (the policy's {@code TlsPolicy.NamedGroup#ianaName}); null where the
 *                            backend cannot report it (SunJSSE has no API for it)
 */
public record TlsSession(String provider, String protocol, String cipherSuite, @Nullable String applicationProtocol,
                         List<X509Certificate> peerCertificates, boolean resumed,
                         @Nullable String namedGroup) {
    /**
     * Copies {@code peerCertificates}, so the record stays immutable.
     *
     * @param provider            the provider's name, e.g. "jdk"
     * @param protocol            "TLSv1.2" or "TLSv1.3"
     * @param cipherSuite         the IANA name, e.g. "TLS_AES_128_GCM_SHA256"
     * @param applicationProtocol the ALPN result, or null when none was agreed
     * @param peerCertificates    the peer's chain, leaf first; empty when the peer sent none
     * @param resumed             true when an earlier session was resumed
     * @param namedGroup          the key exchange's group by its IANA name, or null where the
     *                            backend cannot report it
     */
    public TlsSession {
        peerCertificates = List.copyOf(peerCertificates);
    }

    /**
     * A session whose backend cannot report the key exchange's group.
     *
     * @param provider            the provider's name, e.g. "jdk"
     * @param protocol            "TLSv1.2" or "TLSv1.3"
     * @param cipherSuite         the IANA name, e.g. "TLS_AES_128_GCM_SHA256"
     * @param applicationProtocol the ALPN result, or null when none was agreed
     * @param peerCertificates    the peer's chain, leaf first; empty when the peer sent none
     * @param resumed             true when an earlier session was resumed
     */
    public TlsSession(String provider, String protocol, String cipherSuite, @Nullable String applicationProtocol,
                      List<X509Certificate> peerCertificates, boolean resumed) {
        this(provider, protocol, cipherSuite, applicationProtocol, peerCertificates, resumed, null);
    }

    /**
     * {@return the negotiated version, from {@link #protocol()}}
     *
     * @throws IllegalArgumentException when the protocol name is not TLS 1.2 or 1.3
     */
    public TlsVersion version() {
        return TlsVersion.ofProtocolName(protocol);
    }
}
