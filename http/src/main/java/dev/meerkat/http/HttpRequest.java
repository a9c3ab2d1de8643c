package dev.meerkat.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A whole request: head, body and trailers.
 *
 * @param head     the request line and headers
 * @param body     the body bytes (chunked framing removed); empty when there was none
 * @param trailers the trailer section of a chunked body, else empty
 */
public record HttpRequest(HttpRequestHead head, byte[] body, Headers trailers) {

    /**
     * Checks that every part is present.
     *
     * @param head     the request line and headers
     * @param body     the body bytes, not copied
     * @param trailers the trailer section, possibly empty
     * @throws NullPointerException when a part is null
     */
    public HttpRequest {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(trailers, "trailers");
    }

    /**
     * The head's method.
     *
     * @return the method token, such as {@code GET}
     */
    public String method() {
        return head.method();
    }

    /**
     * The head's request-target.
     *
     * @return the target as sent
     */
    public String target() {
        return head.target();
    }

    /**
     * The head's header fields.
     *
     * @return the headers in arrival order
     */
    public Headers headers() {
        return head.headers();
    }

    /**
     * The body decoded as UTF-8; malformed bytes become U+FFFD.
     *
     * @return the body text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
