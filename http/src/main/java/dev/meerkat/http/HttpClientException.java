package dev.meerkat.http;

import dev.meerkat.CloseReason;
import org.jspecify.annotations.Nullable;

/**
 * Why an {@link HttpClient} exchange failed; the message names the request and what happened, and,
 * once a response head arrived, how many body bytes came. Those bytes are kept: in
 * {@link #partialResponse()} for {@link HttpClient#send(HttpClientRequest)}, in the listener's sink
 * for a streamed response.
 */
public final class HttpClientException extends Exception {

    /** The kind of failure. */
    public enum Kind {
        /**
         * The connection could not be made: TCP connect or the TLS handshake failed, or the proxy
         * refused the CONNECT tunnel.
         */
        CONNECT,
        /** {@link HttpClientOptions#readTimeout()} or {@link HttpClientOptions#totalTimeout()} ran out. */
        TIMEOUT,
        /** The connection closed before the whole response arrived; {@link #closeReason()} says how. */
        CLOSED,
        /**
         * The response broke HTTP/1.1: a malformed head or framing, an unasked 101, or a compressed
         * body that does not decode.
         */
        PROTOCOL,
        /** The body is over {@link HttpClientOptions#maxBodyBytes()}; refused at the head when it declares its length. */
        TOO_LARGE,
        /** The manager's {@link dev.meerkat.MemoryBudget} had no room to hold the body. */
        MEMORY_BUDGET,
        /** More redirects than {@link HttpClientOptions#maxRedirects()}. */
        TOO_MANY_REDIRECTS,
        /** A streamed request body failed: its producer threw, or wrote other than its declared length. */
        REQUEST_BODY,
        /** The channel or file a streamed body was written to failed. */
        SINK,
        /** The caller cancelled the exchange, or the client was closed before it finished. */
        CANCELLED
    }

    /** The kind of failure. */
    private final Kind kind;
    /** How the connection ended when its close ended the exchange, else null. */
    private final @Nullable CloseReason closeReason;
    /** Body bytes that arrived before the failure, -1 before a response head. */
    private final long receivedBytes;
    private final transient @Nullable HttpResponse partialResponse;

    /**
     * A failure that no connection close ended: a timeout, a malformed or too large response, a cancel.
     *
     * @param kind    the kind of failure
     * @param message the request and what happened
     * @param cause   the underlying failure, or null
     */
    public HttpClientException(Kind kind, String message, @Nullable Throwable cause) {
        this(kind, message, cause, null);
    }

    /**
     * A failure, with how the connection ended when its close ended the exchange.
     *
     * @param kind        the kind of failure
     * @param message     the request and what happened
     * @param cause       the underlying failure, or null
     * @param closeReason how the connection ended when its close ended the exchange, else null
     */
    public HttpClientException(Kind kind, String message, @Nullable Throwable cause,
            @Nullable CloseReason closeReason) {
        this(kind, message, cause, closeReason, -1, null);
    }

    private HttpClientException(Kind kind, String message, @Nullable Throwable cause,
            @Nullable CloseReason closeReason, long receivedBytes, @Nullable HttpResponse partialResponse) {
        super(message, cause);
        this.kind = kind;
        this.closeReason = closeReason;
        this.receivedBytes = receivedBytes;
        this.partialResponse = partialResponse;
    }

    /** This failure, after a response head and {@code bytes} body bytes: the message says how many came. */
    HttpClientException afterBody(long bytes) {
        return new HttpClientException(kind, getMessage() + " (after " + bytes + " body bytes)", getCause(),
                closeReason, bytes, partialResponse);
    }

    /** This failure, carrying the response as far as it came. */
    HttpClientException withPartialResponse(HttpResponse partial) {
        return new HttpClientException(kind, getMessage(), getCause(), closeReason, receivedBytes, partial);
    }

    /**
     * The kind of failure, for a caller that decides whether to retry.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * How the connection ended when its close ended the exchange before a whole response (kinds
     * {@link Kind#CLOSED} and {@link Kind#CONNECT}), e.g. {@link CloseReason#RESET} for a reset;
     * null when something else ended it (a timeout, a malformed response, a cancel).
     *
     * @return the close reason, or null
     */
    public @Nullable CloseReason closeReason() {
        return closeReason;
    }

    /**
     * The body bytes that arrived before the failure.
     *
     * @return the byte count, or -1 when no response head arrived
     */
    public long receivedBytes() {
        return receivedBytes;
    }

    /**
     * The response as far as it came (head, the body bytes that arrived, {@code complete()} false)
     * for {@link HttpClient#send(HttpClientRequest)}; null when no head arrived or the response was
     * streamed to a listener, which already has the bytes.
     *
     * @return the partial response, or null
     */
    public @Nullable HttpResponse partialResponse() {
        return partialResponse;
    }
}
