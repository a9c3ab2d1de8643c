package dev.meerkat.tls.bc;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;

/**
 * The server side of one connection: key material chosen by the client's SNI name, ALPN, the
 * client certificate request and check, and TLS 1.2 session IDs backed by the context's cache.
 */
final class BcServer extends DefaultTlsServer {

    private static final int SESSION_ID_LENGTH = 32;

    private final BcTlsContext owner;
    private final PeerState state;
    private KeyMaterial material;

    BcServer(BcTlsContext owner, PeerState state) {
        super(owner.crypto());
        this.owner = owner;
        this.state = state;
        this.material = owner.config().keyMaterial();
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return owner.protocolVersions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return owner.cipherSuites();
    }

    @Override
    public int[] getSupportedGroups() {
        return BcPolicy.groups(getCrypto());
    }

    /**
     * SNI picks the key material; then only the TLS 1.2 suites that key can sign for stay
     * selectable. BC reads the ClientHello extensions before it selects a suite.
     */
    @Override
    @SuppressWarnings("rawtypes") // BC's TlsServer declares the raw type; an override must match it
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        material = owner.config().keyMaterialFor(requestedHostName(clientExtensions));
        cipherSuites = BcCipherSuites.usableWithKey(cipherSuites, BcCredentials.isRsa(material.privateKey()));
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
        return BcTlsContext.protocolNames(owner.config().alpn());
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        byte[] requestContext = TlsUtils.isTLSv13(context) ? TlsUtils.EMPTY_BYTES : null;
        return BcCredentials.signer(context, material,
                context.getSecurityParametersHandshake().getClientSigAlgs(), requestContext);
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        // TLS 1.3: asked right after the ServerHello, while the handshake traffic secrets exist.
        owner.keyLog().handshakeSecrets(context);
        if (owner.config().clientAuth() == TlsConfig.ClientAuth.NONE) {
            return null;
        }
        Vector<?> algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        Vector<X500Name> authorities = certificateAuthorities();
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, algorithms, null, authorities);
        }
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, algorithms, authorities);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        List<X509Certificate> chain = BcCertificates.toX509(clientCertificate);
        try {
            owner.config().peerVerifier().verifyClient(chain);
        } catch (TlsException refused) {
            throw new TlsFatalAlert(BcFailures.alertFor(refused, TlsUtils.isTLSv13(context)), refused);
        }
    }

    @Override
    public byte[] getNewSessionID() {
        return context.getNonceGenerator().generateNonce(SESSION_ID_LENGTH);
    }

    @Override
    public TlsSession getSessionToResume(byte[] sessionID) {
        return TlsUtils.isNullOrEmpty(sessionID) ? null : owner.serverSessions().get(HexFormat.of().formatHex(sessionID));
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        state.alertReceived(level, description);
    }

    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
        state.alertRaised(level, description, message);
    }

    /**
     * The ClientHello's extensions (a post-quantum key share alone is 1.2 KB) and offered suites
     * are read only during the handshake; BC's protocol drops its own reference then, so this one
     * would be all that keeps them in an idle connection.
     */
    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        clientExtensions = null;
        offeredCipherSuites = null;
        owner.keyLog().handshakeComplete(context);
        state.handshakeComplete(context);
        TlsSession session = context.getResumableSession();
        if (session != null && !TlsUtils.isTLSv13(context)) {
            owner.serverSessions().put(HexFormat.of().formatHex(session.getSessionID()), session);
        }
    }

    /** RFC 4346 section 7.4.4: the distinguished names of the CAs we accept, as the jdk provider sends them. */
    private Vector<X500Name> certificateAuthorities() {
        Vector<X500Name> names = new Vector<>();
        for (X509Certificate issuer : owner.config().peerVerifier().acceptedIssuers()) {
            names.add(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()));
        }
        return names;
    }

    /** RFC 6066 section 3: the first host_name entry of the client's server_name extension, or null. */
    private static String requestedHostName(Hashtable<?, ?> clientExtensions) throws IOException {
        Vector<?> names = TlsExtensionsUtils.getServerNameExtensionClient(clientExtensions);
        if (names == null) {
            return null;
        }
        for (Object entry : names) {
            ServerName name = (ServerName) entry;
            if (name.getNameType() == NameType.host_name) {
                return new String(name.getNameData(), StandardCharsets.US_ASCII);
            }
        }
        return null;
    }
}
