package dev.meerkat.tls.conformance;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which provider plays client and which server, and the one TLS version both allow: the parameter of
 * engine tests that run a provider against itself and against a reference peer (usually "jdk").
 *
 * @param clientProvider the client's provider name
 * @param serverProvider the server's provider name
 * @param version        the one TLS version both sides allow
 */
public record Pairing(String clientProvider, String serverProvider, TlsVersion version) {

    /**
     * {@code provider} against itself and against {@code peer} in both directions, for every version.
     *
     * @param provider the provider under test
     * @param peer     the reference provider
     * @return the pairings, each once (fewer when the provider is the peer)
     */
    public static Stream<Pairing> all(String provider, String peer) {
        return forEachVersion(List.of(provider, provider), List.of(provider, peer), List.of(peer, provider));
    }

    /**
     * {@code provider} as the client, against itself and against {@code peer}, for every version.
     *
     * @param provider the provider under test
     * @param peer     the reference provider, as the server
     * @return the pairings, each once
     */
    public static Stream<Pairing> asClient(String provider, String peer) {
        return forEachVersion(List.of(provider, provider), List.of(provider, peer));
    }

    /**
     * {@code provider} as the server, against itself and against {@code peer}, for every version.
     *
     * @param provider the provider under test
     * @param peer     the reference provider, as the client
     * @return the pairings, each once
     */
    public static Stream<Pairing> asServer(String provider, String peer) {
        return forEachVersion(List.of(provider, provider), List.of(peer, provider));
    }

    /** Each (client, server) name pair once (they coincide when provider is peer), for every version. */
    @SafeVarargs
    private static Stream<Pairing> forEachVersion(List<String>... clientAndServer) {
        return Stream.of(TlsVersion.values()).flatMap(version -> Stream.of(clientAndServer)
                        .map(names -> new Pairing(names.get(0), names.get(1), version)))
                .distinct();
    }

    /**
     * Whether {@code provider} plays the client.
     *
     * @param provider a provider name
     * @return true when it is the client's provider
     */
    public boolean isClient(String provider) {
        return clientProvider.equals(provider);
    }

    /**
     * Whether {@code provider} plays the server.
     *
     * @param provider a provider name
     * @return true when it is the server's provider
     */
    public boolean isServer(String provider) {
        return serverProvider.equals(provider);
    }

    /**
     * A pair on new contexts (closed with it) from the builders, restricted to {@link #version}; the
     * case is skipped when either provider does not declare that version ({@link OfferedVersions}).
     *
     * @param client the client's configuration; its versions are set here
     * @param server the server's configuration; its versions are set here
     * @return the pair, not yet handshaken
     * @throws TlsException when a context or an engine cannot be made
     */
    public EnginePair pair(TlsConfig.Builder client, TlsConfig.Builder server) throws TlsException {
        return EnginePair.of(clientProvider, client.versions(offered()).build(),
                serverProvider, server.versions(offered()).build());
    }

    /** {@link #version}, once both providers are known to declare it. */
    private TlsVersion offered() {
        OfferedVersions.require(clientProvider, version);
        return OfferedVersions.require(serverProvider, version);
    }

    /**
     * A pair with the test PKI's client and default server.
     *
     * @return the pair, not yet handshaken
     * @throws TlsException when a context or an engine cannot be made
     */
    public EnginePair pair() throws TlsException {
        TestPki pki = TestPki.get();
        return pair(pki.clientConfig(), pki.serverConfig(pki.server()));
    }

    /**
     * A pair with the test PKI's client and default server, handshake done.
     *
     * @return the connected pair
     * @throws TlsException   when the handshake fails
     * @throws AssertionError when it does not complete within the pair's bound
     */
    public EnginePair connected() throws TlsException {
        return pair().handshake();
    }

    /**
     * A context of the client's provider, restricted to {@link #version}.
     *
     * @param config the configuration; its versions are set here
     * @return a new context, closed by the caller
     * @throws TlsException when the provider refuses the configuration
     */
    public TlsContext clientContext(TlsConfig.Builder config) throws TlsException {
        return TlsProviders.named(clientProvider).newContext(config.versions(offered()).build());
    }

    /**
     * A context of the server's provider, restricted to {@link #version}.
     *
     * @param config the configuration; its versions are set here
     * @return a new context, closed by the caller
     * @throws TlsException when the provider refuses the configuration
     */
    public TlsContext serverContext(TlsConfig.Builder config) throws TlsException {
        return TlsProviders.named(serverProvider).newContext(config.versions(offered()).build());
    }

    @Override
    public String toString() {
        return clientProvider + "->" + serverProvider + " " + version.protocolName();
    }
}
