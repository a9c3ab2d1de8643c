package dev.meerkat.tls.bc;

import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.TlsPolicy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsUtils;

/**
 * What BC's peer callbacks tell one engine: the handshake outcome and whether the peer's
 * close_notify arrived. Client and server peers extend different BC classes and share this.
 */
final class PeerState {

    private static final System.Logger LOG = System.getLogger(PeerState.class.getName());

    private final String side;
    private TlsSession session;
    private boolean closeNotifyReceived;

    PeerState(String side) {
        this.side = side;
    }

    /** BC calls this before acting on the alert; a close_notify during the handshake is a failure, not a close. */
    void alertReceived(short level, short description) {
        if (description == AlertDescription.close_notify && session != null) {
            closeNotifyReceived = true;
        }
        LOG.log(Level.DEBUG, () -> side + " received " + describe(level, description));
    }

    void alertRaised(short level, short description, String message) {
        LOG.log(Level.DEBUG, () -> side + " sent " + describe(level, description) + (message != null ? ": " + message : ""));
    }

    /** Called from notifyHandshakeComplete, when the connection's security parameters are final. */
    void handshakeComplete(TlsContext context) throws IOException {
        SecurityParameters parameters = context.getSecurityParametersConnection();
        TlsVersion version = TlsUtils.isTLSv13(parameters.getNegotiatedVersion()) ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
        ProtocolName alpn = parameters.getApplicationProtocol();
        session = new TlsSession(BcTlsProvider.NAME, version.protocolName(),
                BcCipherSuites.ianaName(parameters.getCipherSuite()), alpn == null ? null : alpn.getUtf8Decoding(),
                BcCertificates.toX509(parameters.getPeerCertificate()), parameters.isResumedSession(),
                groupName(parameters.getNegotiatedGroup()));
    }

    /** BC's code for the key exchange's group, -1 when there was none (a resumption without a key share). */
    private static String groupName(int group) {
        return group < 0 ? null : TlsPolicy.NamedGroup.ianaNameOf(group, NamedGroup.getName(group));
    }

    boolean isHandshakeComplete() {
        return session != null;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    TlsSession session() {
        return session;
    }

    private static String describe(short level, short description) {
        return AlertLevel.getText(level) + " alert " + AlertDescription.getText(description);
    }
}
