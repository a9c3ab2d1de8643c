package dev.meerkat.http;

/**
 * Receives one response as it arrives, on the manager's thread: {@link #onHead}, then
 * {@link #onBody} per chunk, then {@link #onEnd}; or {@link #onFailure} at any point, once.
 */
public interface ResponseListener {

    void onHead(HttpResponseHead head);

    /** Body bytes; {@code chunk} is valid only during the call. */
    void onBody(BodyChunk chunk);

    /** The end; {@link MessageEnd#complete()} false means possibly truncated. */
    void onEnd(MessageEnd end);

    void onFailure(HttpClientException failure);
}
