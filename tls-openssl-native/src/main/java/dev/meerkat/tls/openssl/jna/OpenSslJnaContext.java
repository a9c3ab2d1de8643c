package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Pointer;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsEngine;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.BaseTlsContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One SSL_CTX for a config, plus (server) one SSL_CTX per SNI host name with its own key material,
 * and (client) the session cache. Engines hold their own reference to the SSL_CTX (SSL_new takes
 * one), so closing the context while engines are open is safe: each native object is freed once,
 * when its last holder lets go.
 */
final class OpenSslJnaContext extends BaseTlsContext {

    private final AlpnProtocols alpn;
    private final Pointer sslContext;
    private final Map<String, Pointer> sslContextsByServerName;
    private final ClientSessionCache sessions = new ClientSessionCache(ClientSessionCache.DEFAULT_CAPACITY);

    private OpenSslJnaContext(TlsConfig config, AlpnProtocols alpn, Pointer sslContext,
                              Map<String, Pointer> sslContextsByServerName) {
        super(OpenSslJnaProvider.NAME, config);
        this.alpn = alpn;
        this.sslContext = sslContext;
        this.sslContextsByServerName = sslContextsByServerName;
    }

    static OpenSslJnaContext create(TlsConfig config) throws TlsException {
        AlpnProtocols alpn = AlpnProtocols.of(config.alpn());
        Map<String, Pointer> byName = new LinkedHashMap<>();
        try {
            if (!config.isClient()) {
                for (Map.Entry<String, KeyMaterial> e : config.sniKeyMaterial().entrySet()) {
                    byName.put(e.getKey(), SslContextFactory.create(config, e.getValue(), alpn, false));
                }
            }
            Pointer main = SslContextFactory.create(config, config.keyMaterial(), alpn, !byName.isEmpty());
            return new OpenSslJnaContext(config, alpn, main, Map.copyOf(byName));
        } catch (TlsException | RuntimeException e) {
            byName.values().forEach(LibSsl::SSL_CTX_free);
            throw e;
        }
    }

    @Override
    protected TlsEngine openEngine(String peerHost, int peerPort) throws TlsException {
        return OpenSslJnaEngine.create(this, sslContext, peerHost, peerPort);
    }

    AlpnProtocols alpn() {
        return alpn;
    }

    ClientSessionCache sessions() {
        return sessions;
    }

    /** The SSL_CTX for an SNI host name, or null for the default (same rule as {@link TlsConfig#keyMaterialFor}). */
    Pointer sslContextForServerName(String name) {
        return isClosed() ? null : sslContextsByServerName.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    protected void release() {
        sessions.close();
        sslContextsByServerName.values().forEach(LibSsl::SSL_CTX_free);
        LibSsl.SSL_CTX_free(sslContext);
    }
}
