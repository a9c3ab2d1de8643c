package dev.meerkat.http;

import java.util.ArrayDeque;
import java.util.Deque;

/** The connections of one scheme/host/port: idle ones to reuse, a cap, and requests waiting for room. */
final class HostPool {

    private final HttpClient client;
    private final Route route;
    private final Deque<ClientConnection> idle = new ArrayDeque<>();
    private final Deque<ClientExchange> waiting = new ArrayDeque<>();
    private int open;

    HostPool(HttpClient client, Route route) {
        this.client = client;
        this.route = route;
    }

    /** Runs {@code exchange} on an idle connection, a new one, or later; {@code fresh} skips idle ones. */
    void submit(ClientExchange exchange, boolean fresh) {
        if (exchange.isFinished()) {
            return;
        }
        ClientConnection reuse = fresh ? null : idle.pollLast();
        if (reuse != null) {
            reuse.start(exchange, true);
        } else if (open < client.options().maxPerHost()) {
            open++;
            ClientConnection.open(this, client, route).start(exchange, false);
        } else {
            waiting.add(exchange);
        }
    }

    /** A connection finished its exchange and may be reused. */
    void release(ClientConnection connection) {
        ClientExchange next = nextWaiting();
        if (next != null) {
            connection.start(next, true);
        } else {
            idle.add(connection);
            connection.idle(client.options().idleTimeout());
        }
    }

    /** A connection closed: it leaves the pool and makes room for a waiting request. */
    void closed(ClientConnection connection) {
        idle.remove(connection);
        open--;
        ClientExchange next = nextWaiting();
        if (next != null) {
            submit(next, true);
        }
    }

    boolean isIdle(ClientConnection connection) {
        return idle.contains(connection);
    }

    /** Closes idle connections and fails waiting requests (the client is closing). */
    void close() {
        for (ClientExchange e : waiting) {
            e.fail(new HttpClientException(HttpClientException.Kind.CANCELLED, e.request + ": the client closed", null));
        }
        waiting.clear();
        new ArrayDeque<>(idle).forEach(ClientConnection::close);
    }

    private ClientExchange nextWaiting() {
        ClientExchange next;
        do {
            next = waiting.poll();
        } while (next != null && next.isFinished());
        return next;
    }
}
