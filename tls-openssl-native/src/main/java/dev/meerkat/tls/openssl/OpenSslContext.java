package dev.meerkat.tls.openssl;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.BaseTlsContext;
import dev.meerkat.tls.spi.KeyLogWriter;
import dev.meerkat.tls.spi.NativeReferences;
import dev.meerkat.tls.spi.TlsEngine;
import io.netty.internal.tcnative.Buffer;
import io.netty.internal.tcnative.CertificateCallback;
import io.netty.internal.tcnative.CertificateVerifier;
import io.netty.internal.tcnative.SSL;
import io.netty.internal.tcnative.SSLContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One BoringSSL SSL_CTX for one {@link TlsConfig}, with the key material parsed once.
 *
 * <p>Lifetime: the SSL_CTX is reference-counted. The context holds one reference and every open
 * engine one more, because each SSL points at tcnative's context struct (its Java callbacks) and
 * would crash after SSLContext.free. {@link #close()} frees the client's cached sessions and drops
 * the context's reference; the rest of the native memory goes when the last engine closes.
 *
 * <p>Callbacks find their engine by SSL address, so an engine leaves {@link #engines} before its SSL
 * is freed: once freed, the address may be reused at once by another thread's new engine. A server
 * without client authentication and SNI certificates installs no such callback, so its engines are
 * not registered (an idle connection's map entry would cost some 60 bytes of heap for nothing).
 */
final class OpenSslContext extends BaseTlsContext {

    /** Longest certificate path the verify callback is asked about. */
    private static final int VERIFY_DEPTH = 10;
    /** Bound of the server's session-id cache (TLS 1.2 clients without tickets); BoringSSL evicts the oldest. */
    private static final int SERVER_SESSION_CACHE_SIZE = 1024;

    private final long ctx;
    private final NativeKeyMaterial defaultKeys;
    private final Map<String, NativeKeyMaterial> sniKeys;
    private final Map<Long, OpenSslEngine> engines = new ConcurrentHashMap<>();
    private final boolean callbacksFindEngines;
    private final NativeReferences references;
    private final ClientSessionCache clientSessions = new ClientSessionCache(this::peerOf);

    private OpenSslContext(TlsConfig config, long ctx, NativeKeyMaterial defaultKeys,
                           Map<String, NativeKeyMaterial> sniKeys) {
        super(OpenSslTlsProvider.NAME, config);
        this.ctx = ctx;
        this.defaultKeys = defaultKeys;
        this.sniKeys = sniKeys;
        this.callbacksFindEngines = config.isClient() || config.clientAuth() != TlsConfig.ClientAuth.NONE
                || !sniKeys.isEmpty();
        this.references = new NativeReferences(OpenSslTlsProvider.NAME + " TLS context",
                () -> freeAll(ctx, defaultKeys, sniKeys));
    }

    static OpenSslContext create(TlsConfig config) throws TlsException {
        long ctx = 0;
        NativeKeyMaterial defaultKeys = null;
        Map<String, NativeKeyMaterial> sniKeys = new HashMap<>();
        try {
            ctx = SSLContext.make(SSL.SSL_PROTOCOL_TLSV1_2 | SSL.SSL_PROTOCOL_TLSV1_3,
                    config.isClient() ? SSL.SSL_MODE_CLIENT : SSL.SSL_MODE_SERVER);
            configureProtocol(ctx, config);
            defaultKeys = config.keyMaterial() == null ? null : NativeKeyMaterial.parse(config.keyMaterial());
            for (Map.Entry<String, KeyMaterial> e : config.sniKeyMaterial().entrySet()) {
                sniKeys.put(e.getKey(), NativeKeyMaterial.parse(e.getValue()));
            }
            OpenSslContext context = new OpenSslContext(config, ctx, defaultKeys, Map.copyOf(sniKeys));
            context.installCallbacks();
            context.enableResumption();
            return context;
        } catch (Exception e) {
            freeAll(ctx, defaultKeys, sniKeys);
            if (e instanceof TlsException t) {
                throw t;
            }
            throw new TlsException(TlsException.Kind.CONFIGURATION, "BoringSSL rejected the configuration: " + e, e);
        }
    }

    private static void configureProtocol(long ctx, TlsConfig config) throws Exception {
        // TLS 1.2 is the floor whatever the config says; SSLContext.make lowers BoringSSL's own floor.
        int options = SSL.SSL_OP_NO_SSLv3 | SSL.SSL_OP_NO_TLSv1 | SSL.SSL_OP_NO_TLSv1_1 | SSL.SSL_OP_NO_COMPRESSION;
        if (!config.versions().contains(TlsVersion.TLS_1_3)) {
            options |= SSL.SSL_OP_NO_TLSv1_3;
        }
        if (!config.versions().contains(TlsVersion.TLS_1_2)) {
            options |= SSL.SSL_OP_NO_TLSv1_2;
        }
        SSLContext.setOptions(ctx, options);
        SSLContext.setCipherSuite(ctx, CipherSuiteNames.tls12CipherString(config), false);
        String[] groups = CipherSuiteNames.groups(BoringSslHybrid.status().supported());
        if (!SSLContext.setCurvesList(ctx, groups)) {
            throw new TlsException(TlsException.Kind.CONFIGURATION, "BoringSSL refused the TLS policy's groups "
                    + List.of(groups));
        }
        if (!config.alpn().isEmpty()) {
            SSLContext.setAlpnProtos(ctx, config.alpn().toArray(String[]::new),
                    SSL.SSL_SELECTOR_FAILURE_NO_ADVERTISE);
        }
    }

    private void installCallbacks() throws Exception {
        int verifyLevel = verifyLevel();
        if (verifyLevel != SSL.SSL_CVERIFY_NONE) {
            SSLContext.setCertVerifyCallback(ctx, new Verifier());
            if (!config().isClient()) {
                advertiseAcceptedIssuers();
            }
        }
        SSLContext.setVerify(ctx, verifyLevel, VERIFY_DEPTH);
        if (!config().isClient() && !sniKeys.isEmpty()) {
            SSLContext.setCertificateCallback(ctx, new SniKeySelector());
        }
        KeyLogWriter keyLog = KeyLogWriter.of(config());
        if (keyLog != null) {
            // BoringSSL formats each NSS line; tcnative hands it over without its line end.
            SSLContext.setKeyLogCallback(ctx, (ssl, line) -> keyLog.line(new String(line, StandardCharsets.US_ASCII)));
        }
    }

    private int verifyLevel() {
        if (config().isClient()) {
            // Even unverified: BoringSSL's buffer-only SSL_CTX has no X509 verifier of its own, so it
            // needs the callback, where PeerVerifier accepts anything when verifyPeer() is off.
            return SSL.SSL_CVERIFY_REQUIRED;
        }
        return switch (config().clientAuth()) {
            case NONE -> SSL.SSL_CVERIFY_NONE;
            case OPTIONAL -> SSL.SSL_CVERIFY_OPTIONAL;
            case REQUIRED -> SSL.SSL_CVERIFY_REQUIRED;
        };
    }

    /**
     * Client: sessions go to {@link ClientSessionCache}, keyed by peer. Server: TLS 1.3 resumes with
     * tickets only (RFC 8446 section 4.6.1), TLS 1.2 with tickets (RFC 5077) or session ids from the
     * bounded internal cache. BoringSSL makes random ticket keys per SSL_CTX and rotates them itself,
     * and unlike OpenSSL needs no session id context to resume under client authentication.
     */
    private void enableResumption() {
        if (config().isClient()) {
            SSLContext.setSessionCacheMode(ctx, SSL.SSL_SESS_CACHE_CLIENT);
            SSLContext.setSSLSessionCache(ctx, clientSessions);
        } else {
            SSLContext.setSessionCacheMode(ctx, SSL.SSL_SESS_CACHE_SERVER);
            SSLContext.setSessionCacheSize(ctx, SERVER_SESSION_CACHE_SIZE);
        }
    }

    /** The CertificateRequest's certificate_authorities (RFC 8446 section 4.2.4) lets a client pick its key. */
    private void advertiseAcceptedIssuers() throws Exception {
        if (config().trustedCertificates().isEmpty()) {
            return;
        }
        byte[] pem = NativeKeyMaterial.pemOf(config().trustedCertificates());
        ByteBuffer direct = ByteBuffer.allocateDirect(pem.length).put(pem);
        long bio = SSL.newMemBIO();
        try {
            SSL.bioWrite(bio, Buffer.address(direct), pem.length);
            SSLContext.setCACertificateBio(ctx, bio);
        } finally {
            SSL.freeBIO(bio);
        }
    }

    /** On failure the engine, once made, is closed: its SSL freed and its reference dropped. */
    @Override
    protected TlsEngine openEngine(String peerHost, int peerPort) throws TlsException {
        references.acquire();
        OpenSslEngine engine = null;
        try {
            String verifiedHost = config().serverName() != null ? config().serverName() : peerHost;
            String peer = config().isClient() && verifiedHost != null ? verifiedHost + ":" + peerPort : null;
            engine = new OpenSslEngine(this, ctx, verifiedHost, peer, defaultKeysForNewEngine());
            if (callbacksFindEngines) {
                engines.put(engine.sslAddress(), engine);
            }
            clientSessions.resume(peer, engine.sslAddress());
            return engine;
        } catch (TlsException | RuntimeException e) {
            if (engine == null) {
                references.release();
            } else {
                engine.close();
            }
            throw e;
        }
    }

    /** With SNI certificates the server picks its keys once it has read the ClientHello. */
    private NativeKeyMaterial defaultKeysForNewEngine() {
        return sniKeys.isEmpty() ? defaultKeys : null;
    }

    /**
     * Called by a closing engine before it frees its SSL, while the address is still its own; a
     * failed connection's peer starts afresh next time.
     */
    void engineClosing(OpenSslEngine engine, long ssl) {
        engines.remove(ssl, engine);
        if (engine.hasFailed()) {
            clientSessions.forget(engine.peer());
        }
    }

    /** Called by an engine once its SSL is freed: the SSL_CTX may go now. */
    void engineFreed() {
        references.release();
    }

    /** The "host:port" whose sessions an SSL of this context keeps, or null. */
    private String peerOf(long ssl) {
        OpenSslEngine engine = engines.get(ssl);
        return engine == null ? null : engine.peer();
    }

    /** Sessions cached for the next connection to a peer; empty on a server. */
    ClientSessionCache clientSessions() {
        return clientSessions;
    }

    /** Frees the client sessions at once; the SSL_CTX goes with the last open engine. */
    @Override
    protected void release() {
        clientSessions.close();
        references.release();
    }

    private static void freeAll(long ctx, NativeKeyMaterial defaultKeys, Map<String, NativeKeyMaterial> sniKeys) {
        if (ctx != 0) {
            SSLContext.free(ctx);
        }
        if (defaultKeys != null) {
            defaultKeys.free();
        }
        sniKeys.values().forEach(NativeKeyMaterial::free);
    }

    /** Trust and host name decisions go to the config's shared PeerVerifier, through the engine. */
    private final class Verifier extends CertificateVerifier {
        @Override
        public int verify(long ssl, byte[][] chain, String authenticationMethod) {
            OpenSslEngine engine = engines.get(ssl);
            return engine == null ? X509_V_ERR_UNSPECIFIED : engine.verifyPeer(chain);
        }
    }

    /** Server: presents the key material registered for the client's SNI name, else the default. */
    private final class SniKeySelector implements CertificateCallback {
        @Override
        public void handle(long ssl, byte[] keyTypes, byte[][] issuers) {
            OpenSslEngine engine = engines.get(ssl);
            if (engine == null) {
                return;
            }
            String host = SSL.getSniHostname(ssl);
            NativeKeyMaterial keys = host == null ? null : sniKeys.get(host.toLowerCase(Locale.ROOT));
            engine.useKeyMaterial(keys != null ? keys : defaultKeys);
        }
    }
}
