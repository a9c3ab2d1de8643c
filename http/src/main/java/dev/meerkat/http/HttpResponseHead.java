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

    public HttpResponseHead {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("expected a three-digit status but was " + status);
        }
    }

    /** An HTTP/1.1 response with the standard reason phrase. */
    public static HttpResponseHead of(int status, Headers headers) {
        return new HttpResponseHead(HttpVersion.HTTP_1_1, status, StatusReasons.of(status), headers);
    }

    /** Same rules as {@link HttpRequestHead#keepAlive()}. */
    public boolean keepAlive() {
        return KeepAlive.of(version, headers);
    }

    /** 1xx: an interim response; the final one follows. */
    public boolean isInformational() {
        return status < 200;
    }

    /** The status line and headers as they would be written, ending with the empty line. */
    public byte[] encode() {
        return HeaderWriter.encode(version.text() + ' ' + status + ' ' + reason, headers);
    }
}
