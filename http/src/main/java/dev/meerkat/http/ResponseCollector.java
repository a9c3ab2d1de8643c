package dev.meerkat.http;

import dev.meerkat.tls.TlsSession;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/** Gathers a response into an {@link HttpResponse} for the future of {@link HttpClient#send(HttpClientRequest)}. */
final class ResponseCollector implements ResponseListener {

    final CompletableFuture<HttpResponse> future = new CompletableFuture<>();
    private final long maxBodyBytes;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private HttpResponseHead head;
    private TlsSession tlsSession;
    private ClientExchange exchange;

    ResponseCollector(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    void exchange(ClientExchange e) {
        exchange = e;
    }

    @Override
    public void onTlsSession(TlsSession session) {
        tlsSession = session;
    }

    @Override
    public void onHead(HttpResponseHead h) {
        head = h;
    }

    @Override
    public void onBody(BodyChunk chunk) {
        if (body.size() + (long) chunk.data().remaining() > maxBodyBytes) {
            exchange.abort(new HttpClientException(HttpClientException.Kind.TOO_LARGE, exchange.request
                    + ": expected a body of at most " + maxBodyBytes + " bytes but was more", null));
            return;
        }
        body.writeBytes(chunk.bytes());
    }

    @Override
    public void onEnd(MessageEnd end) {
        future.complete(new HttpResponse(head, body.toByteArray(), end.trailers(), end.complete(), end.closeReason(),
                tlsSession));
    }

    @Override
    public void onFailure(HttpClientException failure) {
        future.completeExceptionally(failure);
    }
}
