package dev.meerkat.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A request for {@link HttpClient}: method, absolute http:// or https:// URL, headers, and a body
 * held in memory ({@code body}) or produced as it is sent ({@code stream}, null for none).
 * {@code Host} and {@code Content-Length} (or chunked framing) are added when sent.
 *
 * <pre>{@code
 * HttpClientRequest.builder("POST", "https://example.com/post").header("Content-Type", "text/plain").body("hi").build();
 * }</pre>
 *
 * @param method  the request method, such as {@code GET}, sent as given
 * @param url     the absolute http:// or https:// URL, with a host
 * @param headers the request's own header fields
 * @param body    the body held in memory, empty for none; not copied, so do not change it afterwards
 * @param stream  the body produced as it is sent, or null for none
 */
public record HttpClientRequest(String method, URI url, Headers headers, byte[] body, RequestBody stream) {

    /**
     * Bodies this large are sent only after the server's 100 Continue (RFC 9110 section 10.1.1), as
     * curl does: a server that refuses the request says so before megabytes cross the network. A
     * request's own {@code Expect} header is sent as it is; an empty one turns this off.
     */
    static final int EXPECT_CONTINUE_BYTES = 1024 * 1024;

    /** Methods safe to send again when a pooled connection turned out to be closed (RFC 9110 §9.2.2). */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    /**
     * Checks the request.
     *
     * @param method  the request method
     * @param url     the absolute http:// or https:// URL
     * @param headers the request's own header fields
     * @param body    the body held in memory, empty for none
     * @param stream  the body produced as it is sent, or null for none
     * @throws NullPointerException     when {@code method}, {@code url}, {@code headers} or {@code body} is null
     * @throws IllegalArgumentException for another scheme or no host, or for a body both in memory and
     *                                  streamed
     */
    public HttpClientRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            throw new IllegalArgumentException("expected an http:// or https:// URL with a host but was " + url);
        }
        if (stream != null && body.length > 0) {
            throw new IllegalArgumentException("expected a body in memory or a streamed one but was both");
        }
    }

    /**
     * A request whose body is held in memory.
     *
     * @param method  the request method
     * @param url     the absolute http:// or https:// URL
     * @param headers the request's own header fields
     * @param body    the body, empty for none; not copied
     * @throws IllegalArgumentException for another scheme or no host
     */
    public HttpClientRequest(String method, URI url, Headers headers, byte[] body) {
        this(method, url, headers, body, null);
    }

    /**
     * A GET of {@code url} without headers of its own.
     *
     * @param url the absolute http:// or https:// URL
     * @return the request
     * @throws IllegalArgumentException for a malformed URL, another scheme or no host
     */
    public static HttpClientRequest get(String url) {
        return builder("GET", url).build();
    }

    /**
     * A builder of a request without headers or body.
     *
     * @param method the request method, sent as given
     * @param url    the absolute http:// or https:// URL
     * @return a new builder
     * @throws IllegalArgumentException for a malformed URL or one without a host
     */
    public static Builder builder(String method, String url) {
        return new Builder(method, Urls.parse(url));
    }

    /**
     * Whether the method may be sent again safely (RFC 9110 §9.2.2): the client retries such a request
     * once when a pooled connection turns out to be closed.
     *
     * @return true for GET, HEAD, PUT, DELETE and OPTIONS
     */
    public boolean isIdempotent() {
        return IDEMPOTENT.contains(method);
    }

    /** True when the body can be sent again: in memory, or a replayable stream. */
    boolean isReplayable() {
        return stream == null || stream.replayable();
    }

    /** The origin-form target: path (or "/") and query, beyond ASCII percent-encoded in UTF-8 (RFC 3986 §2.1). */
    String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return percentEncodeBeyondAscii(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery());
    }

    /**
     * Not {@link URI#toASCIIString}: it normalizes to NFC first, which turns characters a URI accepts
     * into ones it refuses (U+1FEF becomes a grave accent, UrlFuzzFindingsTest). The code points go
     * as given, like curl sends them; Urls.parse refused lone surrogates, which have no UTF-8 form.
     */
    private static String percentEncodeBeyondAscii(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x80) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) ? i + 2 : i + 1;
            for (byte b : raw.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The absolute-form target a proxy needs: scheme, authority, path and query. */
    private String absoluteTarget() {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority() + target();
    }

    /** True when the body waits for the server's 100 Continue. */
    boolean expectsContinue() {
        String expect = headers.get("Expect");
        return stream == null && (expect == null ? body.length >= EXPECT_CONTINUE_BYTES
                : expect.equalsIgnoreCase("100-continue"));
    }

    /** True when the request asks to close the connection after its response (RFC 9112 section 9.6). */
    boolean closesConnection() {
        return headers.hasToken("Connection", "close");
    }

    /** True when the request asks to switch protocols, so a 101 may answer it. */
    boolean asksUpgrade() {
        return headers.contains("Upgrade");
    }

    /**
     * The request line, headers with Host, Content-Length, Expect, and the User-Agent and
     * Accept-Encoding of {@code options} unless the request has its own; then the empty line. The
     * target is in absolute form for a proxy.
     */
    byte[] encodeHead(HttpClientOptions options, boolean absoluteForm) {
        String userAgent = options.userAgent();
        Headers.Builder h = headers.toBuilder();
        if (expectsContinue()) {
            h.set("Expect", "100-continue");
        } else if ("".equals(headers.get("Expect"))) {
            h.remove("Expect");
        }
        if (!headers.contains("Host")) {
            h.add("Host", url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort());
        }
        if (!userAgent.isEmpty() && !headers.contains("User-Agent")) {
            h.add("User-Agent", userAgent);
        }
        if (options.decompress() && !headers.contains("Accept-Encoding")) {
            h.add("Accept-Encoding", "gzip, deflate");
        }
        if (stream != null && stream.length() < 0) {
            h.remove("Content-Length").set("Transfer-Encoding", "chunked");
        } else if (stream != null) {
            h.set("Content-Length", Long.toString(stream.length()));
        } else if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            h.set("Content-Length", Integer.toString(body.length));
        }
        return new HttpRequestHead(method, absoluteForm ? absoluteTarget() : target(), HttpVersion.HTTP_1_1,
                h.build()).encode();
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
        private RequestBody stream;

        private Builder(String method, URI url) {
            this.method = method;
            this.url = url;
        }

        /**
         * Adds a header field; a name may be added several times.
         *
         * @param name  the field name
         * @param value the field value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * A body held in memory, replacing any earlier body.
         *
         * @param bytes the body, copied
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            body = bytes.clone();
            stream = null;
            return this;
        }

        /**
         * A body of text in UTF-8, replacing any earlier body. No Content-Type is added.
         *
         * @param text the body
         * @return this builder
         */
        public Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A body produced as it is sent: a file, a stream, your own producer ({@link RequestBody}).
         * Replaces any earlier body.
         *
         * @param producer writes the body when the connection can take it
         * @return this builder
         */
        public Builder body(RequestBody producer) {
            body = new byte[0];
            stream = producer;
            return this;
        }

        /**
         * The request.
         *
         * @return the request
         * @throws IllegalArgumentException for a URL with another scheme than http or https
         */
        public HttpClientRequest build() {
            return new HttpClientRequest(method, url, headers.build(), body, stream);
        }
    }
}
