package dev.meerkat.benchmarks;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.TlsEngine;

/**
 * A client and a server context of one provider for the generated localhost PKI, both pinned to one
 * TLS version and its AES-128-GCM suite: without the pin, providers could negotiate AES-256 or
 * ChaCha20 and the comparison would measure cipher choice instead of the engine.
 */
final class ContextPair implements AutoCloseable {

    static final String HOST = "localhost";

    private final TlsContext client;
    private final TlsContext server;
    private final TlsVersion version;
    private final String cipherSuite;

    private ContextPair(TlsContext client, TlsContext server, TlsVersion version, String cipherSuite) {
        this.client = client;
        this.server = server;
        this.version = version;
        this.cipherSuite = cipherSuite;
    }

    /** Fails with the provider's own reason when it is unavailable: a benchmark never skips. */
    static ContextPair open(TlsProvider provider, TlsVersion version) throws TlsException {
        TestPki pki = TestPki.get();
        String suite = suiteFor(version);
        TlsContext server = provider.newContext(
                pki.serverConfig(pki.server()).versions(version).cipherSuites(suite).build());
        try {
            TlsConfig clientConfig = pki.clientConfig().versions(version).cipherSuites(suite).build();
            return new ContextPair(provider.newContext(clientConfig), server, version, suite);
        } catch (TlsException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** TLS 1.2 needs the ECDHE_ECDSA form because the test server key is EC P-256. */
    static String suiteFor(TlsVersion version) {
        return switch (version) {
            case TLS_1_2 -> "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case TLS_1_3 -> "TLS_AES_128_GCM_SHA256";
        };
    }

    /**
     * A client engine for {@code port}. Session caches are keyed by host and port, so a caller that
     * wants full handshakes gives each engine a port no recent engine used.
     */
    TlsEngine newClient(int port) throws TlsException {
        return client.newEngine(HOST, port);
    }

    TlsEngine newServer() throws TlsException {
        return server.newEngine(null, 0);
    }

    /** Checks that the finished handshake negotiated what this pair pinned, fully, without resumption. */
    TlsSession requirePinnedFullHandshake(TlsEngine engine) {
        TlsSession session = engine.session();
        if (session == null) {
            throw new IllegalStateException("expected a session after the handshake but there was none");
        }
        if (session.version() != version || !session.cipherSuite().equals(cipherSuite)) {
            throw new IllegalStateException("expected " + version + " with " + cipherSuite + " but "
                    + session.provider() + " negotiated " + session.protocol() + " with " + session.cipherSuite());
        }
        if (session.resumed()) {
            throw new IllegalStateException("expected a full handshake but " + session.provider()
                    + " resumed a cached session");
        }
        return session;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
