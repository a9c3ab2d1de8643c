package dev.meerkat.cli;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsEngine;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsResult;
import dev.meerkat.tls.TlsSession;
import java.nio.ByteBuffer;

/**
 * Wraps a client context to remember the session of the latest handshake, for {@code get -v}:
 * {@link dev.meerkat.http.HttpResponse} does not say which TLS session carried it. The core asks
 * the engine for its session when the handshake completes; the wrapper keeps that answer.
 */
final class SessionRecordingContext implements TlsContext {

    private final TlsContext delegate;
    private volatile TlsSession lastSession;

    SessionRecordingContext(TlsContext delegate) {
        this.delegate = delegate;
    }

    /** The session of the latest completed handshake, or null before the first. */
    TlsSession lastSession() {
        return lastSession;
    }

    @Override
    public String providerName() {
        return delegate.providerName();
    }

    @Override
    public TlsConfig config() {
        return delegate.config();
    }

    @Override
    public TlsEngine newEngine(String peerHost, int peerPort) throws TlsException {
        return new Recording(delegate.newEngine(peerHost, peerPort));
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Passes every call through and records non-null sessions. */
    private final class Recording implements TlsEngine {
        private final TlsEngine engine;

        Recording(TlsEngine engine) {
            this.engine = engine;
        }

        @Override
        public TlsSession session() {
            TlsSession session = engine.session();
            if (session != null) {
                lastSession = session;
            }
            return session;
        }

        @Override
        public TlsResult unwrap(ByteBuffer in, ByteBuffer out) throws TlsException {
            return engine.unwrap(in, out);
        }

        @Override
        public TlsResult wrap(ByteBuffer in, ByteBuffer out) throws TlsException {
            return engine.wrap(in, out);
        }

        @Override
        public boolean wantsWrap() {
            return engine.wantsWrap();
        }

        @Override
        public boolean isHandshakeComplete() {
            return engine.isHandshakeComplete();
        }

        @Override
        public boolean isInboundDone() {
            return engine.isInboundDone();
        }

        @Override
        public void closeOutbound() {
            engine.closeOutbound();
        }

        @Override
        public boolean isOutboundDone() {
            return engine.isOutboundDone();
        }

        @Override
        public int plaintextRoom() {
            return engine.plaintextRoom();
        }

        @Override
        public CloseReason inputEnded(ByteBuffer leftover) {
            return engine.inputEnded(leftover);
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
