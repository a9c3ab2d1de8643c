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

    public HttpRequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * True when the connection stays open after this exchange: HTTP/1.1 unless
     * {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive} (RFC 9112 §9.3).
     */
    public boolean keepAlive() {
        return KeepAlive.of(version, headers);
    }

    /** True when the client waits for 100 Continue before its body; ignored in HTTP/1.0 (RFC 9110 §10.1.1). */
    public boolean expectsContinue() {
        String expect = headers.get("Expect");
        return version == HttpVersion.HTTP_1_1 && expect != null && expect.equalsIgnoreCase("100-continue");
    }

    /** The target up to '?', percent-decoding left to the caller. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The part after '?', or null. */
    public @Nullable String query() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    /** The request line and headers as they would be written, ending with the empty line. */
    public byte[] encode() {
        return HeaderWriter.encode(method + ' ' + target + ' ' + version.text(), headers);
    }
}
