package dev.meerkat.http;

import dev.meerkat.tls.TlsSession;

/**
 * Receives one response as it arrives, on the manager's thread: {@link #onTlsSession} over https,
 * {@link #onHead}, then {@link #onBody} per chunk, then {@link #onEnd}; or {@link #onFailure} at
 * any point, once.
 */
public interface ResponseListener {

    /**
     * Over https, once, just before {@link #onHead}: the session of the connection that carries
     * the response (after a retry, the new connection's). Not called over plain http.
     */
    default void onTlsSession(TlsSession session) {
    }

    void onHead(HttpResponseHead head);

    /** Body bytes; {@code chunk} is valid only during the call. */
    void onBody(BodyChunk chunk);

    /** The end; {@link MessageEnd#complete()} false means possibly truncated. */
    void onEnd(MessageEnd end);

    void onFailure(HttpClientException failure);
}
