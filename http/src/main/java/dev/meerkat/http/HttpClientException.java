package dev.meerkat.http;

import dev.meerkat.CloseReason;
import org.jspecify.annotations.Nullable;

/** Why an {@link HttpClient} exchange failed; the message names the request and what happened. */
public final class HttpClientException extends Exception {

    /** The kind of failure. */
    public enum Kind { CONNECT, TIMEOUT, CLOSED, PROTOCOL, TOO_LARGE, CANCELLED }

    private final Kind kind;
    private final @Nullable CloseReason closeReason;

    /** A failure that no connection close ended: a timeout, a malformed or too large response, a cancel. */
    public HttpClientException(Kind kind, String message, @Nullable Throwable cause) {
        this(kind, message, cause, null);
    }

    /** {@code closeReason}: how the connection ended when its close ended the exchange, else null. */
    public HttpClientException(Kind kind, String message, @Nullable Throwable cause,
            @Nullable CloseReason closeReason) {
        super(message, cause);
        this.kind = kind;
        this.closeReason = closeReason;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * How the connection ended when its close ended the exchange before a whole response (kinds
     * {@link Kind#CLOSED} and {@link Kind#CONNECT}), e.g. {@link CloseReason#RESET} for a reset;
     * null when something else ended it (a timeout, a malformed response, a cancel).
     */
    public @Nullable CloseReason closeReason() {
        return closeReason;
    }
}
