package dev.meerkat.http;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Options;
import dev.meerkat.Timer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One client connection: sends one request at a time, parses the response, goes back to its
 * {@link HostPool} when the response ended and the connection may persist. Through a proxy, an
 * https connection first asks for a CONNECT tunnel, then starts TLS with the origin in it.
 */
final class ClientConnection implements Handler {

    private static final Object READ_TIMEOUT = "read timeout";
    private static final Object IDLE_TIMEOUT = "idle timeout";
    private static final Object CONTINUE_TIMEOUT = "100-continue timeout";
    /** How long a body waits for 100 Continue before it is sent anyway, as curl's default. */
    private static final Duration CONTINUE_WAIT = Duration.ofSeconds(1);

    private final HostPool pool;
    private final HttpClient client;
    private final Route route;
    private final String host;
    private final HttpParser parser;
    /** Parses the proxy's answer to CONNECT until the tunnel is up; else null. */
    private HttpParser tunnelParser;
    private Connection connection;
    private Outbox outbox;
    private ClientExchange exchange;
    private boolean reused;
    private boolean established;
    private boolean responseBytes;
    private boolean interim;
    private boolean keepAlive;
    private Timer timer;
    private Throwable lastError;
    /** The streamed body being sent, or null. */
    private RequestStream stream;
    /** A body waiting for the server's 100 Continue, or null. */
    private byte[] heldBody;
    private Timer continueTimer;
    /** The response came before the body was sent: the request is unfinished, the connection spent. */
    private boolean bodyWithheld;

    private ClientConnection(HostPool pool, HttpClient client, Route route) {
        this.pool = pool;
        this.client = client;
        this.route = route;
        this.host = route.host();
        this.parser = HttpParser.responses(client.options().limits());
        if (route.tunnel() != null) {
            tunnelParser = HttpParser.responses(client.options().limits());
            tunnelParser.expectResponseTo("CONNECT");
        }
    }

    static ClientConnection open(HostPool pool, HttpClient client, Route route) {
        ClientConnection c = new ClientConnection(pool, client, route);
        HttpClientOptions o = client.options();
        // TLS only straight to an https origin: http is plain, and to a proxy the connection starts
        // plain (TLS with the origin, if any, starts in the tunnel).
        Options options = route.transport().startsWith("tls://") ? o.connection() : o.connection().withTls(null);
        c.connection = client.manager().connect(route.transport(), options.withHandshakeTimeout(o.connectTimeout()), c);
        c.outbox = new Outbox(c.connection);
        client.track(c);
        return c;
    }

    /** Sends {@code e}'s request; {@code reusedConnection} says whether this connection served one before. */
    void start(ClientExchange e, boolean reusedConnection) {
        cancelTimer();
        exchange = e;
        reused = reusedConnection;
        responseBytes = false;
        bodyWithheld = false;
        e.runsOn(this);
        if (tunnelParser == null) {
            sendRequest(e);
        }
    }

    /** Sends the request: at once, or once the tunnel through the proxy is up. */
    private void sendRequest(ClientExchange e) {
        parser.expectResponseTo(e.request.method());
        outbox.add(e.request.encodeHead(client.options(), route.absoluteForm()));
        if (established) {
            reportRequest();
        }
        if (e.request.stream() != null) {
            stream = new RequestStream(e.request.stream(), outbox, client.manager(), what -> e.abort(
                    failure(e, HttpClientException.Kind.REQUEST_BODY, what, null, null)));
            stream.pump();
        } else if (e.request.expectsContinue()) {
            heldBody = e.request.body();
            continueTimer = connection.timer(CONTINUE_WAIT, null, CONTINUE_TIMEOUT);
        } else {
            outbox.add(e.request.body());
        }
        if (established) {
            arm(client.options().readTimeout(), READ_TIMEOUT);
        }
        if (e.isPaused()) {
            reading(false);
        }
    }

    /** Parked in the pool: close after {@code timeout} unless reused. */
    void idle(Duration timeout) {
        arm(timeout, IDLE_TIMEOUT);
    }

    /** The exchange gave up (timeout, too large): the connection is mid-response and cannot be reused. */
    void abandon(ClientExchange e) {
        if (exchange == e) {
            exchange = null;
            connection.close();
        }
    }

    void close() {
        connection.close();
    }

    /** The listener's backpressure: reading (and the read timeout) stops until it asks again. */
    void reading(boolean on) {
        if (on) {
            connection.resumeReading();
            arm(client.options().readTimeout(), READ_TIMEOUT);
        } else {
            connection.pauseReading();
            cancelTimer();
        }
    }

    @Override
    public void handle(Connection c, Event event) {
        if (event instanceof Event.Read read) {
            onRead(read.data());
        } else if (event instanceof Event.Write || event instanceof Event.Writability) {
            outbox.pump();
        } else if (event instanceof Event.Connect && route.tunnel() != null) {
            askForTunnel();
        } else if (event instanceof Event.Connect && !c.isTls() || event instanceof Event.TlsHandshake) {
            onEstablished();
        } else if (event instanceof Event.Timer t) {
            onTimer(t.tag());
        } else if (event instanceof Event.Error error) {
            lastError = error.cause();
        } else if (event instanceof Event.Close close) {
            onClose(close.reason(), close.cause() != null ? close.cause() : lastError);
        }
    }

    /** Connected (and TLS done): the connect timeout of the core ends here, the read timeout starts. */
    private void onEstablished() {
        established = true;
        if (exchange != null && tunnelParser == null) {
            reportRequest();
        }
        if (exchange != null && !exchange.isPaused()) {
            arm(client.options().readTimeout(), READ_TIMEOUT);
        }
    }

    /** RFC 9110 section 9.3.6: CONNECT host:port, with Host the same. */
    private void askForTunnel() {
        String tunnel = route.tunnel();
        outbox.add(("CONNECT " + tunnel + " HTTP/1.1\r\nHost: " + tunnel + "\r\nUser-Agent: "
                + client.options().userAgent() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The proxy's answer: a 2xx head opens the tunnel, anything else fails the exchange. */
    private void onTunnelRead(ByteBuffer data) {
        HttpPart part;
        try {
            part = tunnelParser.next(data);
        } catch (HttpParseException e) {
            tunnelFailed("a malformed answer to CONNECT: " + e.getMessage());
            return;
        }
        if (!(part instanceof HttpResponseHead head)) {
            return;
        }
        if (head.status() / 100 != 2 || data.hasRemaining()) {
            tunnelFailed("expected 2xx to CONNECT " + route.tunnel() + " but was " + head.status() + " " + head.reason()
                    + (data.hasRemaining() ? " followed by bytes" : ""));
            return;
        }
        tunnelParser = null;
        // After this Read the connection holds no bytes, as startTls requires.
        client.manager().execute(this::startTunnelTls);
    }

    private void startTunnelTls() {
        if (connection.isClosing()) {
            return;
        }
        connection.startTls(host, client.options().connection().tls());
        if (exchange != null) {
            sendRequest(exchange);
        }
    }

    private void tunnelFailed(String what) {
        if (exchange != null) {
            exchange.abort(failure(HttpClientException.Kind.CONNECT, "the proxy refused the tunnel: " + what, null));
        }
        connection.close();
    }

    /** Reported once the connection is up, so the listener hears connected and the handshake first. */
    private void reportRequest() {
        connection.manager().eventListener().request(connection, exchange.request.method(), exchange.request.target());
    }

    private void onRead(ByteBuffer data) {
        if (tunnelParser != null) {
            onTunnelRead(data);
            return;
        }
        if (exchange == null) {
            // A pooled connection must stay silent; bytes here would be taken for the next response.
            connection.close();
            return;
        }
        responseBytes = true;
        arm(client.options().readTimeout(), READ_TIMEOUT);
        ClientExchange current = exchange;
        while (exchange == current && !current.isPaused()) {
            HttpPart part;
            try {
                part = parser.next(data);
            } catch (HttpParseException e) {
                exchange.abort(failure(HttpClientException.Kind.PROTOCOL, "malformed response: " + e.getMessage(), e));
                return;
            }
            if (part == null) {
                return;
            }
            dispatch(part, data);
        }
    }

    private void dispatch(HttpPart part, ByteBuffer data) {
        if (part instanceof HttpResponseHead head) {
            if (head.status() == 101 && !exchange.request.asksUpgrade()) {
                exchange.abort(failure(HttpClientException.Kind.PROTOCOL,
                        "expected a response but the server switched protocols (101) unasked", null));
                return;
            }
            interim = head.isInformational() && head.status() != 101;
            if (head.status() == 100) {
                sendHeldBody();
            } else if (!interim) {
                withholdBody();
                keepAlive = head.keepAlive() && head.status() != 101;
                connection.manager().eventListener().response(connection, head.status());
                exchange.head(head, connection.tlsSession());
            }
        } else if (part instanceof BodyChunk chunk) {
            exchange.body(chunk);
        } else if (part instanceof MessageEnd end && !interim) {
            finish(end, data.hasRemaining());
        }
    }

    /**
     * {@code unaskedBytes}: bytes follow the response although no request is outstanding; the
     * connection is out of step with the server and must not answer the next request from them.
     */
    private void finish(MessageEnd end, boolean unaskedBytes) {
        ClientExchange done = exchange;
        exchange = null;
        cancelTimer();
        done.end(end);
        // An early response (a 413 to an upload) leaves the request unfinished: never pooled.
        boolean requestSent = !bodyWithheld && outbox.isEmpty() && (stream == null || stream.ended());
        stopStream();
        if (keepAlive && !done.request.closesConnection() && end.complete() && end.closeReason() == null && !parser.isUpgraded()
                && !unaskedBytes && requestSent && !connection.isClosing()) {
            pool.release(this);
        } else {
            connection.close();
        }
    }

    /** 100 Continue, or no answer in time: the held body goes out. */
    private void sendHeldBody() {
        cancelContinueTimer();
        if (heldBody != null) {
            outbox.add(heldBody);
            heldBody = null;
        }
    }

    /** A final response before 100 Continue: the body is never sent (RFC 9110 section 10.1.1). */
    private void withholdBody() {
        cancelContinueTimer();
        bodyWithheld = heldBody != null;
        heldBody = null;
    }

    private void stopStream() {
        if (stream != null) {
            stream.stop();
            stream = null;
        }
    }

    private void cancelContinueTimer() {
        continueTimer = cancel(continueTimer);
    }

    private void onTimer(Object tag) {
        if (tag == CONTINUE_TIMEOUT) {
            continueTimer = null;
            sendHeldBody();
        } else if (tag == IDLE_TIMEOUT && pool.isIdle(this)) {
            connection.close();
        } else if (tag == READ_TIMEOUT && exchange != null) {
            exchange.abort(failure(HttpClientException.Kind.TIMEOUT, "read timed out after "
                    + client.options().readTimeout().toMillis() + " ms" + (responseBytes ? "" : " without a response byte"),
                    null));
        }
    }

    private void onClose(CloseReason reason, Throwable cause) {
        cancelTimer();
        stopStream();
        outbox.release();
        pool.closed(this);
        client.untrack(this);
        ClientExchange e = exchange;
        exchange = null;
        if (e == null || e.isFinished()) {
            return;
        }
        MessageEnd end;
        try {
            end = parser.endOfInput(reason);
        } catch (HttpParseException ex) {
            e.fail(failure(e, HttpClientException.Kind.CLOSED, "connection closed (" + reason + ") inside the response head",
                    ex, reason));
            return;
        }
        if (end != null && e.headDelivered()) {
            e.end(end);
        } else if (reused && !responseBytes && e.mayRetry()) {
            // The server closed the pooled connection before reading our request: send it once more on a new one.
            client.dispatch(e, true);
        } else {
            HttpClientException.Kind kind = established ? HttpClientException.Kind.CLOSED : HttpClientException.Kind.CONNECT;
            String what = established ? "connection closed (" + reason + ") before a response"
                    : "connect to " + host + " failed (" + reason + ")";
            e.fail(failure(e, kind, what, cause, reason));
        }
    }

    private HttpClientException failure(HttpClientException.Kind kind, String what, Throwable cause) {
        return failure(exchange, kind, what, cause, null);
    }

    /** {@code reason}: how the connection closed when that ended the exchange, else null. */
    private HttpClientException failure(ClientExchange e, HttpClientException.Kind kind, String what, Throwable cause,
                                        CloseReason reason) {
        return new HttpClientException(kind, e.request + ": " + what + (cause == null ? "" : ": " + cause.getMessage()),
                cause, reason);
    }

    private void arm(Duration delay, Object tag) {
        cancelTimer();
        if (!delay.isZero() && !connection.isClosing()) {
            timer = connection.timer(delay, null, tag);
        }
    }

    private void cancelTimer() {
        timer = cancel(timer);
    }

    /** Cancels {@code running} if there is one; returns null, what the field holds afterwards. */
    private static Timer cancel(Timer running) {
        if (running != null) {
            running.cancel();
        }
        return null;
    }
}
