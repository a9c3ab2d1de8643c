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

    public HttpResponse {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(trailers, "trailers");
    }

    public int status() {
        return head.status();
    }

    public Headers headers() {
        return head.headers();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
