package dev.meerkat.http;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The request line and header section of a request.
 *
 * @param method  the method token, case-sensitive ("GET")
 * @param target  the request-target as sent ("/a/b?x=1")
 * @param version the protocol version
 * @param headers the header fields in arrival order
 */
public record HttpRequestHead(String method, String target, HttpVersion version, Headers headers)
        implements HttpPart {

    /**
     * Checks that every part is present.
     *
     * @param method  the method token
     * @param target  the request-target
     * @param version the protocol version
     * @param headers the header fields
     * @throws NullPointerException when a part is null
     */
    public HttpRequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * True when the connection stays open after this exchange: HTTP/1.1 unless
     * {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive} (RFC 9112 §9.3).
     *
     * @return whether the connection is kept alive
     */
    public boolean keepAlive() {
        return KeepAlive.of(version, headers);
    }

    /**
     * Whether the client waits for 100 Continue before its body. The server sends it after
     * {@link HttpEvent.Head} unless the handler replied there. Ignored in HTTP/1.0 (RFC 9110 §10.1.1).
     *
     * @return true for an HTTP/1.1 request with {@code Expect: 100-continue}
     */
    public boolean expectsContinue() {
        String expect = headers.get("Expect");
        return version == HttpVersion.HTTP_1_1 && expect != null && expect.equalsIgnoreCase("100-continue");
    }

    /**
     * The target's path.
     *
     * @return the target up to '?', still percent-encoded
     */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /**
     * The target's query.
     *
     * @return the part after '?', still percent-encoded; null without '?'
     */
    public @Nullable String query() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    /**
     * The request line and headers as they would be written, ending with the empty line.
     *
     * @return the bytes in ISO-8859-1, a new array each call
     * @throws IllegalArgumentException when the request line or a field holds CR, LF, NUL or a
     *     character beyond Latin-1 (header injection)
     */
    public byte[] encode() {
        return HeaderWriter.encode(method + ' ' + target + ' ' + version.text(), headers);
    }
}
