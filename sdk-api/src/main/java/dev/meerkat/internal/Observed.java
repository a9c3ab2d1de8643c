package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.tls.TlsSession;

/**
 * What one TCP connection tells its manager's {@link Observer} and JFR: the byte counts, the
 * provider, and the handshake event while it runs (kept only while JFR records it).
 */
final class Observed {
    private final Observer observer;
    private final Connection connection;
    private String provider;
    private HandshakeJfrEvent handshake;
    private long bytesIn;
    private long bytesOut;

    Observed(Observer observer, Connection connection) {
        this.observer = observer;
        this.connection = connection;
    }

    void read(int count) {
        bytesIn += count;
    }

    void wrote(int count) {
        bytesOut += count;
    }

    void connected() {
        observer.connected(connection);
    }

    void handshakeStarted(String providerName) {
        provider = providerName;
        HandshakeJfrEvent event = new HandshakeJfrEvent();
        if (event.isEnabled()) {
            event.begin();
            handshake = event;
        }
        observer.handshakeStarted(connection, providerName);
    }

    void handshakeFinished(TlsSession session) {
        if (handshake != null) {
            handshake.protocol = session.protocol();
            handshake.cipherSuite = session.cipherSuite();
            handshake.resumed = session.resumed();
            commit(handshake, null);
        }
        observer.handshakeFinished(connection, session);
    }

    void closed(CloseReason reason, Throwable cause) {
        if (handshake != null) {
            commit(handshake, cause == null ? "closed with " + reason + " during the handshake" : cause.toString());
        }
        CloseJfrEvent event = new CloseJfrEvent();
        if (event.shouldCommit()) {
            event.describe(connection, provider);
            event.reason = reason.name();
            event.truncation = reason.isTruncation();
            event.bytesIn = bytesIn;
            event.bytesOut = bytesOut;
            event.cause = cause == null ? null : cause.toString();
            event.commit();
        }
        observer.closed(connection, reason, cause, bytesIn, bytesOut);
    }

    private void commit(HandshakeJfrEvent event, String failure) {
        handshake = null;
        event.end();
        if (event.shouldCommit()) {
            event.describe(connection, provider);
            event.failure = failure;
            event.commit();
        }
    }
}
