package dev.meerkat.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * A request for {@link HttpClient}: method, absolute http:// or https:// URL, headers, body.
 * {@code Host} and {@code Content-Length} are added when sent.
 *
 * <pre>{@code
 * HttpClientRequest.builder("POST", "https://example.com/post").header("Content-Type", "text/plain").body("hi").build();
 * }</pre>
 */
public record HttpClientRequest(String method, URI url, Headers headers, byte[] body) {

    /**
     * Bodies this large are sent only after the server's 100 Continue (RFC 9110 section 10.1.1), as
     * curl does: a server that refuses the request says so before megabytes cross the network. A
     * request's own {@code Expect} header is sent as it is; an empty one turns this off.
     */
    static final int EXPECT_CONTINUE_BYTES = 1024 * 1024;

    /** Methods safe to send again when a pooled connection turned out to be closed (RFC 9110 §9.2.2). */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    public HttpClientRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            throw new IllegalArgumentException("expected an http:// or https:// URL with a host but was " + url);
        }
    }

    public static HttpClientRequest get(String url) {
        return builder("GET", url).build();
    }

    public static Builder builder(String method, String url) {
        return new Builder(method, Urls.parse(url));
    }

    public boolean isIdempotent() {
        return IDEMPOTENT.contains(method);
    }

    /** The origin-form target: path (or "/") and query, beyond ASCII percent-encoded in UTF-8 (RFC 3986 §2.1). */
    String target() {
        URI ascii = URI.create(url.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        return ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
    }

    /** True when the body waits for the server's 100 Continue. */
    boolean expectsContinue() {
        String expect = headers.get("Expect");
        return expect == null ? body.length >= EXPECT_CONTINUE_BYTES : expect.equalsIgnoreCase("100-continue");
    }

    /** The request line, headers with Host, Content-Length and Expect, and the empty line. */
    byte[] encodeHead() {
        Headers.Builder h = headers.toBuilder();
        if (expectsContinue()) {
            h.set("Expect", "100-continue");
        } else if ("".equals(headers.get("Expect"))) {
            h.remove("Expect");
        }
        if (!headers.contains("Host")) {
            h.add("Host", url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort());
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            h.set("Content-Length", Integer.toString(body.length));
        }
        return new HttpRequestHead(method, target(), HttpVersion.HTTP_1_1, h.build()).encode();
    }

    @Override
    public String toString() {
        return method + " " + url;
    }

    /** Builds a request. */
    public static final class Builder {
        private final String method;
        private final URI url;
        private final Headers.Builder headers = Headers.builder();
        private byte[] body = new byte[0];

        private Builder(String method, URI url) {
            this.method = method;
            this.url = url;
        }

        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        public Builder body(byte[] bytes) {
            body = bytes.clone();
            return this;
        }

        public Builder body(String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public HttpClientRequest build() {
            return new HttpClientRequest(method, url, headers.build(), body);
        }
    }
}
