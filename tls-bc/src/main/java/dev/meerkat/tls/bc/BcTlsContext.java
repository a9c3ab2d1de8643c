package dev.meerkat.tls.bc;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.BaseTlsContext;
import dev.meerkat.tls.spi.KeyLogWriter;
import dev.meerkat.tls.spi.TlsEngine;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.Vector;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * Shared state of the "bc" provider for one {@link TlsConfig}: the crypto, the enabled suites and
 * versions, and the TLS 1.2 session caches (client: by host and port; server: by session ID).
 */
final class BcTlsContext extends BaseTlsContext {

    private final TlsCrypto crypto;
    private final int[] cipherSuites;
    private final ProtocolVersion[] protocolVersions;
    private final SessionCache clientSessions = new SessionCache();
    private final SessionCache serverSessions = new SessionCache();
    private final BcKeyLog keyLog;

    BcTlsContext(TlsConfig config, TlsCrypto crypto) throws TlsException {
        super(BcTlsProvider.NAME, config);
        this.crypto = crypto;
        this.cipherSuites = BcCipherSuites.enabled(config, crypto);
        this.protocolVersions = versionsOf(config.versions());
        this.keyLog = new BcKeyLog(KeyLogWriter.of(config));
    }

    @Override
    protected TlsEngine openEngine(@Nullable String peerHost, int peerPort) throws TlsException {
        try {
            if (!config().isClient()) {
                return BcTlsEngine.server(this);
            }
            String host = config().serverName() != null ? config().serverName() : peerHost;
            return BcTlsEngine.client(this, host, host + ":" + peerPort);
        } catch (IOException e) {
            throw BcFailures.toTlsException(e, false);
        }
    }

    @Override
    protected void release() {
        clientSessions.clear();
        serverSessions.clear();
    }

    TlsCrypto crypto() {
        return crypto;
    }

    int[] cipherSuites() {
        return cipherSuites.clone();
    }

    ProtocolVersion[] protocolVersions() {
        return protocolVersions.clone();
    }

    BcKeyLog keyLog() {
        return keyLog;
    }

    SessionCache clientSessions() {
        return clientSessions;
    }

    SessionCache serverSessions() {
        return serverSessions;
    }

    /** ALPN names in preference order (RFC 7301), or null for no ALPN extension. */
    static Vector<ProtocolName> protocolNames(List<String> alpn) {
        if (alpn.isEmpty()) {
            return null;
        }
        Vector<ProtocolName> names = new Vector<>();
        alpn.forEach(name -> names.add(ProtocolName.asUtf8Encoding(name)));
        return names;
    }

    private static ProtocolVersion[] versionsOf(Set<TlsVersion> versions) throws TlsException {
        boolean tls12 = versions.contains(TlsVersion.TLS_1_2);
        boolean tls13 = versions.contains(TlsVersion.TLS_1_3);
        if (tls12 && tls13) {
            return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
        }
        if (tls13) {
            return ProtocolVersion.TLSv13.only();
        }
        if (tls12) {
            return ProtocolVersion.TLSv12.only();
        }
        throw new TlsException(Kind.CONFIGURATION, "expected at least one TLS version but the config enables none");
    }
}
