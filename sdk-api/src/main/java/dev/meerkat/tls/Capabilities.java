package dev.meerkat.tls;

import java.util.Set;

/** What a provider supports, as data: the registry and the CLI read it, nothing switches on names. */
public record Capabilities(Set<TlsVersion> versions, boolean alpn, boolean sessionResumption,
                           boolean serverNameIndication, boolean clientAuthentication) {
    public Capabilities {
        versions = Set.copyOf(versions);
    }
}
