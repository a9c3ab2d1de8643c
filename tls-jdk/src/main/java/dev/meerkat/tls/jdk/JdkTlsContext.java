package dev.meerkat.tls.jdk;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.BaseTlsContext;
import dev.meerkat.tls.spi.ServerNames;
import dev.meerkat.tls.spi.TlsEngine;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * One SunJSSE {@link SSLContext} for one {@link TlsConfig}: keys, the verifying trust manager and
 * the JDK's session cache are shared by every engine it makes.
 */
final class JdkTlsContext extends BaseTlsContext {

    /** SunJSSE by name: a Bouncy Castle JSSE provider inserted first must not silently take over "jdk". */
    private static final String JSSE_PROVIDER = "SunJSSE";

    private final SSLContext sslContext;
    private final String[] protocols;
    private final String[] cipherSuites;

    JdkTlsContext(TlsConfig config) throws TlsException {
        super(JdkTlsProvider.NAME, config);
        this.sslContext = initialisedContext(config);
        this.protocols = config.versions().stream().map(TlsVersion::protocolName).sorted().toArray(String[]::new);
        this.cipherSuites = CipherSuites.enabled(config, sslContext);
    }

    @Override
    protected TlsEngine openEngine(String peerHost, int peerPort) throws TlsException {
        SSLEngine engine = peerHost == null ? sslContext.createSSLEngine() : sslContext.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(config().isClient());
        engine.setSSLParameters(parametersFor(peerHost));
        return new JdkTlsEngine(engine, hostnameCheckFor(peerHost));
    }

    /** Nothing to free: the SSLContext and its session cache are heap objects, dropped with the context. */
    @Override
    protected void release() {
    }

    private SSLParameters parametersFor(String peerHost) throws TlsException {
        SSLParameters parameters = new SSLParameters(cipherSuites.clone(), protocols.clone());
        parameters.setApplicationProtocols(config().alpn().toArray(new String[0]));
        // Host names are checked by PeerVerifier (endpoint identification stays off) so the kind is ours.
        parameters.setEndpointIdentificationAlgorithm(null);
        JdkPolicy.applyGroupsAndSchemes(parameters);
        if (config().isClient()) {
            parameters.setServerNames(serverNamesFor(VerifyingTrustManager.hostnameToVerify(config(), peerHost)));
        } else {
            parameters.setUseCipherSuitesOrder(true);
            requestClientCertificate(parameters, config().clientAuth());
        }
        return parameters;
    }

    /**
     * A client on the user's SSLContext gets the shared host name check from the engine; otherwise
     * {@link VerifyingTrustManager} runs the whole {@link dev.meerkat.tls.PeerVerifier} and none is needed.
     */
    private HostnameCheck hostnameCheckFor(String peerHost) {
        if (config().sslContext() == null || !config().isClient() || !config().verifyPeer()) {
            return null;
        }
        return new HostnameCheck(config().peerVerifier(), VerifyingTrustManager.hostnameToVerify(config(), peerHost));
    }

    /** One setter only: each of setNeedClientAuth and setWantClientAuth clears the other. */
    private static void requestClientCertificate(SSLParameters parameters, TlsConfig.ClientAuth clientAuth) {
        if (clientAuth == TlsConfig.ClientAuth.REQUIRED) {
            parameters.setNeedClientAuth(true);
        } else if (clientAuth == TlsConfig.ClientAuth.OPTIONAL) {
            parameters.setWantClientAuth(true);
        }
    }

    /** RFC 6066 section 3: "Literal IPv4 and IPv6 addresses are not permitted in HostName." */
    private static List<SNIServerName> serverNamesFor(String host) throws TlsException {
        if (host == null || ServerNames.isIpLiteral(host)) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            throw new TlsException(Kind.CONFIGURATION, "expected a DNS host name for SNI but was '" + host + "'", e);
        }
    }

    /** The user's SSLContext, else one of SunJSSE with the user's key manager or the config's keys. */
    private static SSLContext initialisedContext(TlsConfig config) throws TlsException {
        if (config.sslContext() != null) {
            return config.sslContext();
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS", JSSE_PROVIDER);
            context.init(keyManagers(config), new TrustManager[] {new VerifyingTrustManager(config)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsException(Kind.UNAVAILABLE, "expected the JDK's " + JSSE_PROVIDER + " TLS context but "
                    + "it could not be made: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(TlsConfig config) {
        if (config.keyManager() != null) {
            return new KeyManager[] {config.keyManager()};
        }
        SniKeyManager keys = new SniKeyManager(config);
        return keys.hasKeys() ? new KeyManager[] {keys} : new KeyManager[0];
    }
}
