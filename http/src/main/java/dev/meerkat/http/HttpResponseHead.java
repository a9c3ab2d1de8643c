package dev.meerkat.http;

import java.util.Objects;

/**
 * The status line and header section of a response.
 *
 * @param version the protocol version
 * @param status  the three-digit status code
 * @param reason  the reason phrase, possibly empty
 * @param headers the header fields in arrival order
 */
public record HttpResponseHead(HttpVersion version, int status, String reason, Headers headers)
        implements HttpPart {

    /**
     * Checks the head.
     *
     * @param version the protocol version
     * @param status  the status code, 100 to 999
     * @param reason  the reason phrase, possibly empty
     * @param headers the header fields
     * @throws NullPointerException     when {@code version}, {@code reason} or {@code headers} is null
     * @throws IllegalArgumentException when {@code status} does not have three digits
     */
    public HttpResponseHead {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("expected a three-digit status but was " + status);
        }
    }

    /**
     * An HTTP/1.1 response with the standard reason phrase.
     *
     * @param status  the status code, 100 to 999
     * @param headers the header fields
     * @return the head; the reason is empty for a status without a standard phrase
     */
    public static HttpResponseHead of(int status, Headers headers) {
        return new HttpResponseHead(HttpVersion.HTTP_1_1, status, StatusReasons.of(status), headers);
    }

    /**
     * Whether the connection stays open after this response; same rules as
     * {@link HttpRequestHead#keepAlive()}.
     *
     * @return true unless the version and {@code Connection} field say to close
     */
    public boolean keepAlive() {
        return KeepAlive.of(version, headers);
    }

    /**
     * Whether this is an interim response; the final one follows.
     *
     * @return true for 1xx
     */
    public boolean isInformational() {
        return status < 200;
    }

    /**
     * The status line and headers as they would be written, ending with the empty line.
     *
     * @return the bytes in ISO-8859-1, a new array each call
     * @throws IllegalArgumentException when the reason or a field holds CR, LF, NUL or a character
     *     beyond Latin-1 (header injection)
     */
    public byte[] encode() {
        return HeaderWriter.encode(startLine(), headers);
    }

    /** The status line and headers without the empty line that ends them: more fields may follow. */
    byte[] encodeOpen() {
        return HeaderWriter.encodeOpen(startLine(), headers);
    }

    private String startLine() {
        return version.text() + ' ' + status + ' ' + reason;
    }
}
