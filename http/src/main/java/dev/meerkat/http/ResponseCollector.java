package dev.meerkat.http;

import dev.meerkat.MemoryBudget;

/**
 * Gathers a response into an {@link HttpResponse} for the future of {@link HttpClient#send(HttpClientRequest)}.
 * The body is held in a {@link BodyBuffer}, counted in the manager's memory budget as a buffered
 * server request body is; a failure hands what arrived to the exception.
 */
final class ResponseCollector extends ResponseFuture {

    private final long maxBodyBytes;
    private final MemoryBudget budget;
    private ClientExchange exchange;
    private BodyBuffer body;

    ResponseCollector(long maxBodyBytes, MemoryBudget budget) {
        this.maxBodyBytes = Math.min(maxBodyBytes, BodyBuffer.MAX_BODY);
        this.budget = budget;
    }

    void exchange(ClientExchange e) {
        exchange = e;
    }

    /** A declared length over the limit is refused now, before a body byte is downloaded. */
    @Override
    public void onHead(HttpResponseHead h) {
        super.onHead(h);
        long declared = exchange.declaredLength(h);
        if (declared > maxBodyBytes) {
            exchange.abort(new HttpClientException(HttpClientException.Kind.TOO_LARGE, exchange.request
                    + ": expected a body of at most " + maxBodyBytes + " bytes (maxBodyBytes) but Content-Length is "
                    + declared, null));
        }
    }

    @Override
    public void onBody(BodyChunk chunk) {
        int count = chunk.data().remaining();
        long size = (body == null ? 0 : body.size()) + (long) count;
        if (size > maxBodyBytes) {
            exchange.abort(new HttpClientException(HttpClientException.Kind.TOO_LARGE, exchange.request
                    + ": expected a body of at most " + maxBodyBytes + " bytes (maxBodyBytes) but was more", null));
        } else if (!hold(chunk, count)) {
            exchange.abort(new HttpClientException(HttpClientException.Kind.MEMORY_BUDGET, exchange.request
                    + ": the memory budget (" + budget + ") has no room for a body of " + size
                    + " bytes; stream it with a ResponseListener", null));
        }
    }

    /** Appends the chunk, allocating the buffer at the first one; false when the budget refused the room. */
    private boolean hold(BodyChunk chunk, int count) {
        if (body == null) {
            body = BodyBuffer.tryAllocate(budget, exchange.declaredLength(head), maxBodyBytes, count);
            if (body == null) {
                return false;
            }
        }
        return body.append(chunk.data());
    }

    @Override
    public void onEnd(MessageEnd end) {
        complete(end, takeBody());
    }

    @Override
    public void onFailure(HttpClientException failure) {
        fail(failure, takeBody());
    }

    /** The bytes held, given back to the budget: from here they are the caller's. */
    private byte[] takeBody() {
        if (body == null) {
            return new byte[0];
        }
        byte[] bytes = body.bytes();
        body.release();
        body = null;
        return bytes;
    }
}
