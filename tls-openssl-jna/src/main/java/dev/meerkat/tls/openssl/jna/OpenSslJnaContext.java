package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Pointer;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.BaseTlsContext;
import dev.meerkat.tls.spi.KeyLogWriter;
import dev.meerkat.tls.spi.NativeReferences;
import dev.meerkat.tls.spi.TlsEngine;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One SSL_CTX for a config, plus (server) one SSL_CTX per SNI host name with its own key material,
 * and (client) the session cache.
 *
 * <p>Lifetime: the SSL_CTXs live while the context is open or any engine made from it is: an open
 * server engine may still switch to an SNI SSL_CTX when its ClientHello arrives after the close
 * (SSL_set_SSL_CTX then takes a reference of its own). {@link NativeReferences} counts the context
 * and its open engines; the last to let go frees them, once, and no engine is made after that.
 */
final class OpenSslJnaContext extends BaseTlsContext {

    private final AlpnProtocols alpn;
    private final Pointer sslContext;
    private final Map<String, Pointer> sslContextsByServerName;
    private final ClientSessionCache sessions = new ClientSessionCache(ClientSessionCache.DEFAULT_CAPACITY);
    private final NativeReferences references;
    private final KeyLogWriter keyLog;

    private OpenSslJnaContext(TlsConfig config, AlpnProtocols alpn, Pointer sslContext,
                              Map<String, Pointer> sslContextsByServerName, KeyLogWriter keyLog) {
        super(OpenSslJnaProvider.NAME, config);
        this.keyLog = keyLog;
        this.alpn = alpn;
        this.sslContext = sslContext;
        this.sslContextsByServerName = sslContextsByServerName;
        this.references = new NativeReferences(OpenSslJnaProvider.NAME + " TLS context", this::freeSslContexts);
    }

    static OpenSslJnaContext create(TlsConfig config) throws TlsException {
        AlpnProtocols alpn = AlpnProtocols.of(config.alpn());
        KeyLogWriter keyLog = KeyLogWriter.of(config);
        Map<String, Pointer> byName = new LinkedHashMap<>();
        try {
            if (!config.isClient()) {
                for (Map.Entry<String, KeyMaterial> e : config.sniKeyMaterial().entrySet()) {
                    byName.put(e.getKey(), SslContextFactory.create(config, e.getValue(), alpn, false));
                }
            }
            Pointer main = SslContextFactory.create(config, config.keyMaterial(), alpn, !byName.isEmpty());
            return new OpenSslJnaContext(config, alpn, main, Map.copyOf(byName), keyLog);
        } catch (TlsException | RuntimeException e) {
            byName.values().forEach(LibSsl::SSL_CTX_free);
            throw e;
        }
    }

    @Override
    protected TlsEngine openEngine(String peerHost, int peerPort) throws TlsException {
        references.acquire();
        try {
            return OpenSslJnaEngine.create(this, sslContext, peerHost, peerPort);
        } catch (TlsException | RuntimeException e) {
            references.release();
            throw e;
        }
    }

    /** Called by an engine once its SSL is freed. */
    void engineFreed() {
        references.release();
    }

    AlpnProtocols alpn() {
        return alpn;
    }

    /** Where the key log callback writes; null without a key log. */
    KeyLogWriter keyLog() {
        return keyLog;
    }

    ClientSessionCache sessions() {
        return sessions;
    }

    /**
     * The SSL_CTX for an SNI host name, or null for the default (same rule as {@link TlsConfig#keyMaterialFor}).
     * Asked only by an open engine, which keeps it alive, also after the context closed.
     */
    Pointer sslContextForServerName(String name) {
        return sslContextsByServerName.get(name.toLowerCase(Locale.ROOT));
    }

    /** Frees the client sessions at once; the SSL_CTXs go with the last open engine. */
    @Override
    protected void release() {
        sessions.close();
        references.release();
    }

    private void freeSslContexts() {
        sslContextsByServerName.values().forEach(LibSsl::SSL_CTX_free);
        LibSsl.SSL_CTX_free(sslContext);
    }
}
