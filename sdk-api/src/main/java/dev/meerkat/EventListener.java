package dev.meerkat;

import dev.meerkat.tls.TlsSession;
import org.jspecify.annotations.Nullable;

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

    /**
     * The TCP connection is established: {@link Event.Connect} or {@link Event.Accept} fired.
     *
     * @param connection the connection
     */
    default void connected(Connection connection) { }

    /**
     * The TLS handshake begins.
     *
     * @param connection the connection
     * @param provider   the TLS provider's name, as in {@link dev.meerkat.tls.TlsProviders}
     */
    default void handshakeStarted(Connection connection, String provider) { }

    /**
     * The TLS handshake completed: {@link Event.TlsHandshake} fired.
     *
     * @param connection the connection
     * @param session    the provider, version, cipher suite and whether the session was resumed
     */
    default void handshakeFinished(Connection connection, TlsSession session) { }

    /**
     * HTTP: a client sent, or a server received, the head of a request.
     *
     * @param connection the connection carrying the exchange
     * @param method     the request method, such as {@code GET}
     * @param target     the request target as sent, such as {@code /index.html?q=1}
     */
    default void request(Connection connection, String method, String target) { }

    /**
     * HTTP: a client received, or a server sent, the head of a final (not 1xx) response.
     *
     * @param connection the connection carrying the exchange
     * @param status     the response's status code, such as 200
     */
    default void response(Connection connection, int status) { }

    /**
     * The connection closed: its {@link Event.Close} fired. {@code bytesIn} and {@code bytesOut} count
     * the bytes read from and written to the socket (ciphertext on TLS).
     *
     * @param connection the connection
     * @param reason     how it ended
     * @param cause      the failure, or null when none: set for {@link CloseReason#ERROR}, and for
     *                   a write that failed before the input ended
     * @param bytesIn    bytes read from the socket over the connection's life
     * @param bytesOut   bytes written to the socket over the connection's life
     */
    default void closed(Connection connection, CloseReason reason, @Nullable Throwable cause, long bytesIn, long bytesOut) { }
}
