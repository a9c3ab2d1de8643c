package dev.meerkat.http;

import dev.meerkat.Timer;
import dev.meerkat.tls.TlsSession;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * One request of an {@link HttpClient} and its listener, across a retry and the redirects it
 * follows. Guarantees the listener one ending: an end or a failure, never both.
 */
final class ClientExchange {

    private static final System.Logger LOG = System.getLogger(ClientExchange.class.getName());

    /** The request being sent: the user's, or the one its last redirect pointed to. */
    HttpClientRequest request;
    private final HttpClient client;
    private final ResponseListener listener;
    private int redirects;
    /** The request a redirect response points to, sent once that response ended; else null. */
    private HttpClientRequest redirectTo;
    private boolean retried;
    private boolean finished;
    private boolean headDelivered;
    private boolean paused;
    /** Decodes a gzip or deflate body when the options ask for it; else null. */
    private ContentDecoder decoder;
    private final HttpCall call;
    private long bodyBytes;
    private Timer totalTimer;
    private ClientConnection connection;

    ClientExchange(HttpClient client, HttpClientRequest request, ResponseListener listener) {
        this.client = client;
        this.request = request;
        this.listener = listener;
        this.call = new HttpCall(client, this);
    }

    HttpCall call() {
        return call;
    }

    /** On the manager's thread, before the request is dispatched: the listener gets its call. */
    void start() {
        guard(() -> listener.onStart(call));
    }

    boolean isPaused() {
        return paused;
    }

    /** Backpressure from the listener: its connection stops or resumes reading. */
    void pause(boolean pause) {
        paused = pause;
        if (connection != null && !finished) {
            connection.reading(!pause);
        }
    }

    boolean isFinished() {
        return finished;
    }

    /** A response head arrived: delivered, or a redirect being followed whose body is skipped. */
    boolean headDelivered() {
        return headDelivered || redirectTo != null;
    }

    void totalTimer(Timer timer) {
        totalTimer = timer;
    }

    void runsOn(ClientConnection c) {
        connection = c;
    }

    /** True once: the exchange may be sent again after a stale pooled connection. */
    boolean mayRetry() {
        if (retried || !request.isIdempotent() || !request.isReplayable()) {
            return false;
        }
        retried = true;
        return true;
    }

    /** The response head, carried by a connection with {@code tlsSession} (null over plain http). */
    void head(HttpResponseHead head, TlsSession tlsSession) {
        if (!finished && !follows(head)) {
            headDelivered = true;
            if (tlsSession != null) {
                guard(() -> listener.onTlsSession(tlsSession));
            }
            decoder = client.options().decompress() && declaredLength(head) != 0 ? ContentDecoder.forHead(head) : null;
            HttpResponseHead shown = decoder == null ? head : ContentDecoder.decodedHead(head);
            guard(() -> listener.onHead(shown));
        }
    }

    void body(BodyChunk chunk) {
        if (finished || redirectTo != null) {
            return;
        }
        if (decoder == null) {
            deliver(chunk.data());
            return;
        }
        try {
            decoder.decode(chunk.data(), this::deliver);
        } catch (DataFormatException e) {
            abort(new HttpClientException(HttpClientException.Kind.PROTOCOL,
                    request + ": malformed compressed body: " + e.getMessage(), e));
        }
    }

    private void deliver(ByteBuffer data) {
        if (!finished) {
            bodyBytes += data.remaining();
            guard(() -> listener.onBody(new BodyChunk(data)));
        }
    }

    void end(MessageEnd end) {
        if (redirectTo != null && !finished) {
            redirect();
        } else if (decoder != null && end.complete() && !decoder.finished()) {
            fail(new HttpClientException(HttpClientException.Kind.PROTOCOL, request
                    + ": the compressed body ended before its coded stream did", null));
        } else if (!finished) {
            finish();
            guard(() -> listener.onEnd(end));
        }
    }

    /**
     * True when {@code head} is a redirect this exchange follows (its body is skipped); one past
     * {@link HttpClientOptions#maxRedirects()} fails the exchange.
     */
    private boolean follows(HttpResponseHead head) {
        int max = client.options().maxRedirects();
        HttpClientRequest next = max == 0 ? null : Redirect.next(request, head);
        if (next == null) {
            return false;
        }
        if (redirects == max) {
            abort(new HttpClientException(HttpClientException.Kind.TOO_MANY_REDIRECTS, request + ": expected at most "
                    + max + " redirects (maxRedirects) but the server sent another, " + head.status() + " to "
                    + next.url(), null));
        } else {
            redirectTo = next;
        }
        return true;
    }

    /** The redirect response ended: the next request goes out once its connection is back in the pool. */
    private void redirect() {
        request = redirectTo;
        redirectTo = null;
        redirects++;
        retried = false;
        client.manager().execute(() -> client.dispatch(this, false));
    }

    /** Fails the exchange; after a head, the failure says how many body bytes the listener already has. */
    void fail(HttpClientException failure) {
        if (!finished) {
            finish();
            HttpClientException told = headDelivered ? failure.afterBody(bodyBytes) : failure;
            guard(() -> listener.onFailure(told));
        }
    }

    /**
     * The body length {@code head} declares for this request: 0 when it has none (HEAD, 1xx, 204,
     * 304), -1 when chunked or delimited by the close (RFC 9112 section 6.3).
     */
    long declaredLength(HttpResponseHead head) {
        int status = head.status();
        if (request.method().equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return 0;
        }
        String length = head.headers().get("Content-Length");
        if (length == null || head.headers().contains("Transfer-Encoding")) {
            return -1;
        }
        // The parser checked it: one value, or identical duplicates.
        return Long.parseLong(length.split(",")[0].strip());
    }

    /** Fails the exchange and drops its connection, which cannot be reused mid-response. */
    void abort(HttpClientException failure) {
        fail(failure);
        if (connection != null) {
            connection.abandon(this);
        }
    }

    private void finish() {
        finished = true;
        if (totalTimer != null) {
            totalTimer.cancel();
        }
    }

    private void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "response listener of " + request + " failed", e);
        }
    }
}
