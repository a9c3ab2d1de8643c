package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.EventListener;
import dev.meerkat.tls.TlsSession;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The user's {@link EventListener}, guarded: what a listener throws is logged and fails neither the
 * connection nor the loop, unless it is fatal (see {@link Failures}). One per manager; loop thread only.
 */
public final class Observer implements EventListener {
    private static final System.Logger LOG = System.getLogger(Observer.class.getName());

    private volatile EventListener listener = EventListener.NONE;

    public void listener(EventListener replacement) {
        this.listener = Objects.requireNonNull(replacement, "listener");
    }

    private void tell(String what, Consumer<EventListener> call) {
        try {
            call.accept(listener);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            LOG.log(Level.WARNING, () -> "the event listener failed on " + what, e);
        }
    }

    @Override
    public void connected(Connection connection) {
        tell("connected", l -> l.connected(connection));
    }

    @Override
    public void handshakeStarted(Connection connection, String provider) {
        tell("handshakeStarted", l -> l.handshakeStarted(connection, provider));
    }

    @Override
    public void handshakeFinished(Connection connection, TlsSession session) {
        tell("handshakeFinished", l -> l.handshakeFinished(connection, session));
    }

    @Override
    public void request(Connection connection, String method, String target) {
        tell("request", l -> l.request(connection, method, target));
    }

    @Override
    public void response(Connection connection, int status) {
        tell("response", l -> l.response(connection, status));
    }

    @Override
    public void closed(Connection connection, CloseReason reason, Throwable cause, long bytesIn, long bytesOut) {
        tell("closed", l -> l.closed(connection, reason, cause, bytesIn, bytesOut));
    }
}
