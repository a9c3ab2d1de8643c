package dev.meerkat.http;

/**
 * A request {@link HttpClient} is sending, handed to its listener by
 * {@link ResponseListener#onStart}: {@link #cancel()} aborts it, {@link #pause()} and
 * {@link #resume()} are backpressure for a listener whose sink is full. Thread-safe.
 */
public final class HttpCall {

    private final HttpClient client;
    private final ClientExchange exchange;

    HttpCall(HttpClient client, ClientExchange exchange) {
        this.client = client;
        this.exchange = exchange;
    }

    /**
     * Aborts the exchange: its listener gets a {@link HttpClientException.Kind#CANCELLED} failure
     * (unless it ended already) and the connection carrying it is closed, as a half-read response
     * cannot be reused. Thread-safe; does nothing after the end.
     */
    public void cancel() {
        client.cancel(exchange);
    }

    /**
     * Stops reading the response: no more {@link ResponseListener#onBody} until {@link #resume()}.
     * The read timeout does not run meanwhile; the total timeout does.
     */
    public void pause() {
        client.manager().execute(() -> exchange.pause(true));
    }

    /** Reads the response again after {@link #pause()}. */
    public void resume() {
        client.manager().execute(() -> exchange.pause(false));
    }

    /** Fails the exchange from its listener, on the manager's thread, closing its connection. */
    void fail(HttpClientException failure) {
        exchange.abort(failure);
    }

    @Override
    public String toString() {
        return exchange.request.toString();
    }
}
