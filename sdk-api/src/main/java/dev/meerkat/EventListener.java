package dev.meerkat;

import dev.meerkat.tls.TlsSession;

/**
 * Observes every connection of a {@link Manager} ({@link Manager#eventListener(EventListener)}):
 * for metrics and tracing in production, without parsing logs. Every method runs on the loop
 * thread, so it must return quickly; what it throws is logged and ignored. For one TCP connection
 * the calls come in this order:
 *
 * <pre>
 * connected                                  TCP connect completed, or a listener accepted it
 * [handshakeStarted, handshakeFinished]      TLS only; a failed handshake has no handshakeFinished
 * (request, response)*                       HTTP only (meerkat-http), one pair per exchange
 * closed                                     always last, once, with the reason and the byte counts
 * </pre>
 *
 * A connect that fails before TCP connects gets only {@code closed}. UDP and listeners are not
 * reported. The same events go to JDK Flight Recorder as {@code dev.meerkat.TlsHandshake} and
 * {@code dev.meerkat.ConnectionClose} (with the provider and the reason, so a recording counts
 * truncations per provider), whether or not a listener is set.
 */
public interface EventListener {

    /** The listener that does nothing: the default. */
    EventListener NONE = new EventListener() { };

    /** The TCP connection is established: {@link Event.Connect} or {@link Event.Accept} fired. */
    default void connected(Connection connection) { }

    /** The TLS handshake begins on {@code provider} (its name, as in {@link dev.meerkat.tls.TlsProviders}). */
    default void handshakeStarted(Connection connection, String provider) { }

    /** The TLS handshake completed: provider, version, cipher suite and resumption are in {@code session}. */
    default void handshakeFinished(Connection connection, TlsSession session) { }

    /** HTTP: a client sent, or a server received, the head of a request. */
    default void request(Connection connection, String method, String target) { }

    /** HTTP: a client received, or a server sent, the head of a final response. */
    default void response(Connection connection, int status) { }

    /**
     * The connection closed: its {@link Event.Close} fired. {@code bytesIn} and {@code bytesOut} count
     * the bytes read from and written to the socket (ciphertext on TLS).
     */
    default void closed(Connection connection, CloseReason reason, Throwable cause, long bytesIn, long bytesOut) { }
}
