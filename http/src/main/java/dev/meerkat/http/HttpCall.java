package dev.meerkat.http;

/** A request {@link HttpClient} is sending; {@link #cancel()} aborts it from any thread. */
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

    @Override
    public String toString() {
        return "HttpCall[" + exchange.request + "]";
    }
}
