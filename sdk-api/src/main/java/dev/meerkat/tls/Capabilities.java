package dev.meerkat.tls;

import java.util.Set;

/**
 * What a provider supports, as data: the registry and the CLI read it, nothing switches on names.
 *
 * @param versions             the TLS versions the provider speaks
 * @param alpn                 true when it negotiates application protocols (ALPN)
 * @param sessionResumption    true when sessions can be resumed
 * @param serverNameIndication true when it sends and reads SNI
 * @param clientAuthentication true when a server can ask for and check client certificates
 */
public record Capabilities(Set<TlsVersion> versions, boolean alpn, boolean sessionResumption,
                           boolean serverNameIndication, boolean clientAuthentication) {
    /**
     * Copies {@code versions}, so the record stays immutable.
     *
     * @param versions             the TLS versions the provider speaks
     * @param alpn                 true when it negotiates application protocols (ALPN)
     * @param sessionResumption    true when sessions can be resumed
     * @param serverNameIndication true when it sends and reads SNI
     * @param clientAuthentication true when a server can ask for and check client certificates
     */
    public Capabilities {
        versions = Set.copyOf(versions);
    }
}
