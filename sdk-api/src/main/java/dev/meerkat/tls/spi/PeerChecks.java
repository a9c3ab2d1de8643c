package dev.meerkat.tls.spi;

import dev.meerkat.tls.PeerVerifier;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a native engine's verify callback asks of the config's shared {@link PeerVerifier}, as a
 * value: callbacks may not throw into C, so the decision comes back as the failure to remember (and
 * to throw from unwrap once the library gives up), or null when the chain is accepted.
 */
public final class PeerChecks {

    private PeerChecks() {
    }

    /**
     * The verifier's decision on the peer's chain (leaf first): a client checks the server against
     * {@code host}, a server checks the client. An unexpected exception counts as untrusted.
     *
     * @param config the endpoint's config, whose verifier decides
     * @param chain  the peer's chain, leaf first; empty when it sent none
     * @param host   the server name a client checks against, or null for none
     * @return null when the peer is trusted, else the failure to report
     */
    public static @Nullable TlsException check(TlsConfig config, List<X509Certificate> chain, @Nullable String host) {
        try {
            if (config.isClient()) {
                config.peerVerifier().verifyServer(chain, host);
            } else {
                config.peerVerifier().verifyClient(chain);
            }
            return null;
        } catch (TlsException e) {
            return e;
        } catch (RuntimeException e) {
            return new TlsException(TlsException.Kind.UNTRUSTED_CERTIFICATE,
                    "certificate verification failed unexpectedly: " + e, e);
        }
    }

    /**
     * The verifier's wording (and kind) for a client that sent no certificate where the library
     * enforced client authentication itself, or {@code otherwise} if the verifier accepts none.
     *
     * @param config    the server's config
     * @param otherwise the library's own failure, used when the verifier accepts no certificate
     * @return the failure to report
     */
    public static TlsException missingClientCertificate(TlsConfig config, TlsException otherwise) {
        TlsException failure = check(config, List.of(), null);
        return failure != null ? failure : otherwise;
    }
}
