package dev.meerkat.http;

import dev.meerkat.tls.TlsSession;
import java.util.concurrent.CompletableFuture;

/** A listener that ends in a future {@link HttpResponse}: the head and TLS session, then the whole or partial response. */
abstract class ResponseFuture implements ResponseListener {

    final CompletableFuture<HttpResponse> future = new CompletableFuture<>();
    HttpResponseHead head;
    private TlsSession tlsSession;

    @Override
    public void onTlsSession(TlsSession session) {
        tlsSession = session;
    }

    @Override
    public void onHead(HttpResponseHead h) {
        head = h;
    }

    /** The response ended with {@code body}. */
    void complete(MessageEnd end, byte[] body) {
        future.complete(new HttpResponse(head, body, end.trailers(), end.complete(), end.closeReason(), tlsSession));
    }

    /** The exchange failed; after a head, the exception carries the response as far as it came. */
    void fail(HttpClientException failure, byte[] partialBody) {
        future.completeExceptionally(head == null ? failure : failure.withPartialResponse(
                new HttpResponse(head, partialBody, Headers.empty(), false, failure.closeReason(), tlsSession)));
    }
}
