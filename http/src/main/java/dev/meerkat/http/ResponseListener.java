package dev.meerkat.http;

import dev.meerkat.tls.TlsSession;

/**
 * Receives one response as it arrives, on the manager's thread: {@link #onStart} first, then
 * {@link #onTlsSession} over https, {@link #onHead}, then {@link #onBody} per chunk, then
 * {@link #onEnd}; or {@link #onFailure} at any point, once. A listener whose sink fills pauses
 * the call it got in {@code onStart} and resumes it when the sink has room.
 */
public interface ResponseListener {

    /**
     * Once, before anything else. Does nothing by default.
     *
     * @param call the call, to pause, resume or cancel it
     */
    default void onStart(HttpCall call) {
    }

    /**
     * Over https, once, just before {@link #onHead}: the session of the connection that carries
     * the response (after a retry, the new connection's). Not called over plain http. Does nothing by
     * default.
     *
     * @param session the negotiated TLS session
     */
    default void onTlsSession(TlsSession session) {
    }

    /**
     * The final response's status line and headers. Interim 1xx responses and redirects that are
     * followed are not passed on; with {@link HttpClientOptions#decompress()} the head has no
     * Content-Encoding or Content-Length of a decoded body.
     *
     * @param head the response head
     */
    void onHead(HttpResponseHead head);

    /**
     * Body bytes, decoded when {@link HttpClientOptions#decompress()} is on.
     *
     * @param chunk the bytes, valid only during the call; copy what is kept
     */
    void onBody(BodyChunk chunk);

    /**
     * The end of the response; nothing follows.
     *
     * @param end the trailers, and {@link MessageEnd#complete()} false when the body is possibly
     *            truncated
     */
    void onEnd(MessageEnd end);

    /**
     * The exchange failed; nothing follows. Body bytes already passed to {@link #onBody} stay valid
     * data: {@link HttpClientException#receivedBytes()} says how many.
     *
     * @param failure why, with the request named in the message
     */
    void onFailure(HttpClientException failure);
}
