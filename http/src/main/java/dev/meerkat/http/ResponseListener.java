package dev.meerkat.http;

import dev.meerkat.tls.TlsSession;

/**
 * Receives one response as it arrives, on the manager's thread: {@link #onStart} first, then
 * {@link #onTlsSession} over https, {@link #onHead}, then {@link #onBody} per chunk, then
 * {@link #onEnd}; or {@link #onFailure} at any point, once. A listener whose sink fills pauses
 * the call it got in {@code onStart} and resumes it when the sink has room.
 */
public interface ResponseListener {

    /** Once, before anything else: the call, to pause, resume or cancel it. */
    default void onStart(HttpCall call) {
    }

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
