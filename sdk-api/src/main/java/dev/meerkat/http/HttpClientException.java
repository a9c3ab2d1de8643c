package dev.meerkat.http;

/** Why an {@link HttpClient} exchange failed; the message names the request and what happened. */
public final class HttpClientException extends Exception {

    /** The kind of failure. */
    public enum Kind { CONNECT, TIMEOUT, CLOSED, PROTOCOL, TOO_LARGE, CANCELLED }

    private final Kind kind;

    public HttpClientException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
