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

    public HttpRequest {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(trailers, "trailers");
    }

    public String method() {
        return head.method();
    }

    public String target() {
        return head.target();
    }

    public Headers headers() {
        return head.headers();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
