package dev.meerkat.tls.bc;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import java.util.List;
import java.util.stream.Stream;

/** Which provider plays client and server, and the one TLS version both allow. */
record Pairing(String clientProvider, String serverProvider, TlsVersion version) {

    private static final List<List<String>> PROVIDERS = List.of(
            List.of("bc", "bc"), List.of("bc", "jdk"), List.of("jdk", "bc"));

    /** bc against bc and against jdk in both directions, for TLS 1.2 and 1.3. */
    static Stream<Pairing> all() {
        return PROVIDERS.stream().flatMap(p -> Stream.of(TlsVersion.values())
                .map(v -> new Pairing(p.get(0), p.get(1), v)));
    }

    TlsContext client(TlsConfig.Builder config) throws TlsException {
        return TlsProviders.named(clientProvider).newContext(config.versions(version).build());
    }

    TlsContext server(TlsConfig.Builder config) throws TlsException {
        return TlsProviders.named(serverProvider).newContext(config.versions(version).build());
    }

    @Override
    public String toString() {
        return clientProvider + "->" + serverProvider + " " + version.protocolName();
    }
}
