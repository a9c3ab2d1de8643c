package dev.meerkat.http;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsSession;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A whole response as {@link HttpClient#send(HttpClientRequest)} returns it.
 *
 * @param head        status line and headers
 * @param body        every body byte that arrived
 * @param trailers    trailers of a chunked body, else empty
 * @param complete    false when the body may be cut short: a close-delimited body that did not end
 *                    with {@link CloseReason#CLEAN}, or a length the connection did not deliver
 * @param closeReason how the connection ended when that ended the body, else null
 * @param tlsSession  the TLS session of the connection that carried the response (provider,
 *                    version, cipher suite, peer certificates), or null over plain http
 */
public record HttpResponse(HttpResponseHead head, byte[] body, Headers trailers, boolean complete,
                           @Nullable CloseReason closeReason, @Nullable TlsSession tlsSession) {

    /**
     * Checks that the head, body and trailers are present.
     *
     * @param head        status line and headers
     * @param body        the body bytes, not copied
     * @param trailers    trailers, possibly empty
     * @param complete    false when the body may be cut short
     * @param closeReason how the connection ended when that ended the body, else null
     * @param tlsSession  the TLS session, or null over plain http
     * @throws NullPointerException when {@code head}, {@code body} or {@code trailers} is null
     */
    public HttpResponse {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(trailers, "trailers");
    }

    /**
     * The head's status code.
     *
     * @return the status, such as 200
     */
    public int status() {
        return head.status();
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
     * The body decoded as UTF-8, whatever Content-Type says; malformed bytes become U+FFFD.
     *
     * @return the body text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
