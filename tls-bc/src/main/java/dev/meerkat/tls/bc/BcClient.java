package dev.meerkat.tls.bc;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.ServerNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.RenegotiationPolicy;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;

/**
 * The client side of one connection, as BC's protocol asks for it: versions, suites, SNI, ALPN,
 * the server's certificate (decided by the config's PeerVerifier) and our own certificate.
 */
final class BcClient extends DefaultTlsClient {

    private final BcTlsContext owner;
    private final String host;
    private final String sessionKey;
    private final PeerState state;

    /** {@code host} is the name for SNI and the certificate check; {@code sessionKey} indexes the session cache. */
    BcClient(BcTlsContext owner, String host, String sessionKey, PeerState state) {
        super(owner.crypto());
        this.owner = owner;
        this.host = host;
        this.sessionKey = sessionKey;
        this.state = state;
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
    protected Vector<Integer> getSupportedGroups(@SuppressWarnings("rawtypes") Vector namedGroupRoles) {
        return BcPolicy.groupVector(getCrypto());
    }

    @Override
    public Vector<Integer> getEarlyKeyShareGroups() {
        return BcHybrid.earlyKeyShares(BcPolicy.groupVector(getCrypto()));
    }

    @Override
    protected Vector<SignatureAndHashAlgorithm> getSupportedSignatureAlgorithms() {
        return BcPolicy.signatureAlgorithms(getCrypto());
    }

    /**
     * A server's TLS 1.2 renegotiation is declined with a no_renegotiation warning and reading goes
     * on (RFC 5246 section 7.4.1.1; issue 8). BC's default, stated here because it is a decision.
     */
    @Override
    public int getRenegotiationPolicy() {
        return RenegotiationPolicy.DENY;
    }

    /** RFC 6066 section 3: a host name only, never an IP literal. */
    @Override
    protected Vector<ServerName> getSNIServerNames() {
        if (host == null || ServerNames.isIpLiteral(host)) {
            return null;
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, host.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
        return BcTlsContext.protocolNames(owner.config().alpn());
    }

    /** TLS 1.3: EncryptedExtensions, the first message under the handshake traffic secrets. */
    @Override
    @SuppressWarnings("rawtypes") // BC's TlsClient declares the raw type; an override must match it
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        owner.keyLog().handshakeSecrets(context);
    }

    @Override
    public TlsSession getSessionToResume() {
        return owner.clientSessions().get(sessionKey);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new Authentication();
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        state.alertReceived(level, description);
    }

    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
        state.alertRaised(level, description, message);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        owner.keyLog().handshakeComplete(context);
        state.handshakeComplete(context);
        owner.clientSessions().put(sessionKey, context.getResumableSession());
    }

    /** Server certificate check and client certificate choice. */
    private final class Authentication implements TlsAuthentication {

        @Override
        public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
            List<X509Certificate> chain = BcCertificates.toX509(serverCertificate.getCertificate());
            try {
                owner.config().peerVerifier().verifyServer(chain, host);
            } catch (TlsException refused) {
                throw new TlsFatalAlert(BcFailures.alertFor(refused, TlsUtils.isTLSv13(context)), refused);
            }
        }

        /** Our certificate whatever CAs the server named: the config holds one client identity. */
        @Override
        public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
            TlsConfig config = owner.config();
            KeyMaterial material = config.keyMaterial();
            if (material == null) {
                return null;
            }
            return BcCredentials.signer(context, material, request.getSupportedSignatureAlgorithms(),
                    request.getCertificateRequestContext());
        }
    }
}
