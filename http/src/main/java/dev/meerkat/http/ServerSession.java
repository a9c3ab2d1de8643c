package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.http.ServerDeadlines.Phase;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One server connection: parses requests, raises {@link HttpEvent}s and keeps responses in
 * request order. While a request waits for its reply, reading pauses and the next pipelined
 * request stays in the connection's buffer. A body streams unless the request is buffered
 * ({@link HttpExchange#buffersBody}); a buffered body is counted in the manager's memory budget.
 * {@link ServerDeadlines} bounds how long each phase may wait for the client.
 */
final class ServerSession implements Handler {

    private static final System.Logger LOG = System.getLogger(ServerSession.class.getName());
    /** The End of every request without trailers, nearly all of them: a record, so shared as it is. */
    private static final HttpEvent.End END_WITHOUT_TRAILERS = new HttpEvent.End(Headers.empty());
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final HttpServer server;
    private final Connection connection;
    private final HttpParser parser;
    private final Outbox outbox;
    private final ServerDeadlines deadlines;
    private HttpExchange exchange;
    /** This request arrives whole as a Message. */
    private boolean buffering;
    /** This request's body is being delivered as Body events. */
    private boolean bodyStreaming;
    /** The buffered body so far, counted in the memory budget; null without one. */
    private BodyBuffer body;
    private boolean messageRead;
    private long declaredLength;
    private boolean stopped;
    /** The new owner, waiting for the queued 101 to reach the connection; else null. */
    private UpgradeHandler pendingUpgrade;
    /** The connection belongs to another protocol's handler now: no more deadlines here. */
    private boolean detached;
    /** A request was left unread (rejected, or answered before its body): the close lingers. */
    private boolean inputAbandoned;

    ServerSession(HttpServer server, Connection connection) {
        this.server = server;
        this.connection = connection;
        this.parser = HttpParser.requests(server.options().limits());
        this.outbox = new Outbox(connection);
        this.deadlines = new ServerDeadlines(connection, server.options());
        deadlines.arm(phase());
    }

    @Override
    public void handle(Connection c, Event event) {
        if (event instanceof Event.Read read) {
            onRead(read.data());
        } else if (event instanceof Event.Write || event instanceof Event.Writability) {
            if (event instanceof Event.Write) {
                deadlines.progressed();
            }
            outbox.pump();
            handOverWhenSent();
        } else if (event instanceof Event.Timer timer && deadlines.isMine(timer.tag())) {
            onDeadline();
        } else if (event instanceof Event.Close) {
            outbox.release();
            releaseBody();
            server.forget(this);
            return;
        }
        if (!detached) {
            deadlines.arm(phase());
        }
    }

    Connection connection() {
        return connection;
    }

    Outbox outbox() {
        return outbox;
    }

    boolean closing() {
        return server.isShuttingDown();
    }

    /**
     * Graceful shutdown: an idle connection closes once its output is flushed, a busy one after
     * its current reply; a half-read request's reply will carry Connection: close.
     */
    void shutdown() {
        if (pendingUpgrade != null) {
            // The 101 was promised: the server asks the new owner to close once it has the connection.
            return;
        }
        if (exchange != null) {
            exchange.mustCloseAfterReply();
        } else if (parser.isIdle()) {
            stopped = true;
            outbox.closeWhenDrained();
        }
    }

    /** True while {@code e}'s request body is still to come. */
    boolean bodyUnread(HttpExchange e) {
        return e == exchange && !messageRead && declaredLength != 0;
    }

    /**
     * True when a reply now would leave {@code e}'s body unread, so the connection must close after
     * it: before the body streams. A reply begun while the body streams (an echo) keeps the
     * connection, as the rest of the body is still read.
     */
    boolean replyAbandonsBody(HttpExchange e) {
        return bodyUnread(e) && !bodyStreaming;
    }

    /** The exchange queued its whole reply. */
    void replied(HttpExchange done) {
        if (done != exchange || !messageRead) {
            return;
        }
        exchange = null;
        if (done.upgradeHandler() != null) {
            startUpgrade(done.upgradeHandler());
        } else if (done.switchedProtocols()) {
            // 101: the bytes that follow belong to the new protocol's handler, not to HTTP.
            stopped = true;
            detach();
            server.forget(this);
        } else if (done.closesAfter()) {
            stopped = true;
            closeWhenDrained();
        } else {
            connection.resumeReading();
        }
        if (!detached) {
            // A reply queued outside this session's events (from a handler's timer) changes the phase too.
            deadlines.arm(phase());
        }
    }

    /**
     * The bytes after the request belong to the new protocol (RFC 9110 §7.8), so HTTP reads no
     * further; the owner gets the connection when the 101 left this session's queue, so that nothing
     * it sends can overtake an earlier reply still queued here.
     */
    private void startUpgrade(UpgradeHandler owner) {
        stopped = true;
        pendingUpgrade = owner;
        connection.pauseReading();
        handOverWhenSent();
    }

    private void handOverWhenSent() {
        if (pendingUpgrade == null || !outbox.isEmpty() || connection.isClosing()) {
            return;
        }
        UpgradeHandler owner = pendingUpgrade;
        pendingUpgrade = null;
        outbox.release();
        detach();
        server.handOver(this, owner);
    }

    private void detach() {
        detached = true;
        deadlines.cancel();
    }

    /** What the connection waits for now, for {@link ServerDeadlines}. */
    private Phase phase() {
        if (outbox.queuedBytes() > 0) {
            return Phase.SEND;
        }
        if (stopped || connection.isClosing() || handshaking()) {
            return Phase.NONE;
        }
        if (exchange != null) {
            return messageRead ? Phase.NONE : Phase.BODY;
        }
        // The first head is due from the accept or the handshake (a phase change), a later one from its first byte.
        return parser.isIdle() && parser.messageNumber() > 1 ? Phase.KEEP_ALIVE : Phase.HEAD;
    }

    /** The handshake has its own limit (Options.handshakeTimeout); the first head's starts after it. */
    private boolean handshaking() {
        return connection.isTls() && connection.tlsSession() == null;
    }

    private void onDeadline() {
        Phase phase = phase();
        if (!deadlines.expired(phase)) {
            return;
        }
        long millis = deadlines.timeout(phase).toMillis();
        switch (phase) {
            case HEAD -> {
                if (parser.isIdle()) {
                    closeQuietly("no request within " + millis + " ms");
                } else {
                    reject(408, "expected a complete request head within " + millis + " ms but it took longer");
                }
            }
            case BODY -> reject(408, deadlines.bodyTooSlow() ? deadlines.bodyRateShortfall()
                    : "expected more of the request body within " + millis + " ms but none came");
            case SEND -> closeQuietly("the client took no response bytes for " + millis + " ms");
            case KEEP_ALIVE -> closeQuietly("no next request within " + millis + " ms");
            case NONE -> { }
        }
    }

    private void closeQuietly(String why) {
        LOG.log(Level.DEBUG, () -> connection + ": closing: " + why);
        stopped = true;
        connection.close();
    }

    private void onRead(ByteBuffer data) {
        while (!stopped && !connection.isClosing()) {
            if (exchange != null && messageRead) {
                connection.pauseReading();
                return;
            }
            HttpPart part;
            try {
                part = parser.next(data);
            } catch (HttpParseException e) {
                reject(e.status(), e.getMessage());
                return;
            }
            if (part == null) {
                return;
            }
            dispatch(part, data.remaining());
        }
    }

    /** {@code received}: the bytes of this read after {@code part}, counted in the receive buffer. */
    private void dispatch(HttpPart part, int received) {
        if (part instanceof HttpRequestHead head) {
            onHead(head, received);
        } else if (part instanceof BodyChunk chunk) {
            onBody(chunk);
        } else if (part instanceof MessageEnd end) {
            onEnd(end);
        }
    }

    private void onHead(HttpRequestHead head, int received) {
        exchange = new HttpExchange(this, head);
        connection.manager().eventListener().request(connection, head.method(), head.target());
        messageRead = false;
        bodyStreaming = false;
        int hosts = head.headers().all("Host").size();
        if (hosts > 1 || (hosts == 0 && head.version() == HttpVersion.HTTP_1_1)) {
            // RFC 9112 §3.2: proxies and caches may pick different hosts, a known smuggling vector.
            reject(400, "expected one Host header but was " + hosts);
            return;
        }
        declaredLength = declaredLength(head);
        long length = declaredLength;
        deadlines.bodyStarted();
        deliver(new HttpEvent.Head(head));
        if (exchange.replyStarted() && length != 0) {
            stopReadingRequest();
            return;
        }
        buffering = exchange.buffersBody(server.options().bufferedBodies());
        if (buffering && length != 0 && !startBuffering(length, received)) {
            return;
        }
        if (head.expectsContinue() && length != 0) {
            outbox.add(CONTINUE);
        }
    }

    /** Counts the body in the budget before any of it is read: 413 over the limit, 503 without room. */
    private boolean startBuffering(long length, int received) {
        long limit = bodyLimit();
        if (length > limit) {
            reject(413, "expected a body of at most " + limit + " bytes but was " + length);
            return false;
        }
        body = BodyBuffer.tryAllocate(connection.manager().memoryBudget(), length, limit, received);
        if (body == null) {
            rejectForBudget(length);
            return false;
        }
        return true;
    }

    private void onBody(BodyChunk chunk) {
        deadlines.bodyArrived(chunk.data().remaining());
        if (!buffering) {
            bodyStreaming = true;
            deliver(new HttpEvent.Body(chunk));
            return;
        }
        long size = (long) body.size() + chunk.data().remaining();
        if (size > bodyLimit()) {
            reject(413, "expected a body of at most " + bodyLimit() + " bytes but was more");
        } else if (!body.append(chunk.data())) {
            rejectForBudget(size);
        }
    }

    private long bodyLimit() {
        return Math.min(server.options().bodyLimit(), BodyBuffer.MAX_BODY);
    }

    private void rejectForBudget(long length) {
        reject(503, "the server has no memory budget left for a body of " + length + " bytes; try again later");
    }

    private void onEnd(MessageEnd end) {
        messageRead = true;
        HttpExchange current = exchange;
        if (!buffering) {
            deliver(end.trailers().isEmpty() ? END_WITHOUT_TRAILERS : new HttpEvent.End(end.trailers()));
        } else if (!current.replyStarted()) {
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            deliver(new HttpEvent.Message(new HttpRequest(current.request(), bytes, end.trailers())));
        }
        // The handler returned: what it kept of the body is its own memory from here on.
        releaseBody();
        if (current.replied()) {
            replied(current);
        }
    }

    /** The handler answered before the body: the client may never send it, so read no further (RFC 9110 §10.1.1). */
    private void stopReadingRequest() {
        inputAbandoned = true;
        exchange.mustCloseAfterReply();
        messageRead = true;
        stopped = true;
        if (exchange.replied()) {
            replied(exchange);
        }
    }

    private void deliver(HttpEvent event) {
        HttpExchange current = exchange;
        try {
            server.handler().handle(current, event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> connection + ": handler failed on " + current.request().method() + " "
                    + current.request().target(), e);
            if (!current.replyStarted()) {
                current.mustCloseAfterReply();
                current.reply(500, "internal server error\n");
            } else {
                connection.close();
            }
        }
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    /** A request that cannot be served: answer with {@code status} if no reply began, then close. */
    private void reject(int status, String reason) {
        LOG.log(Level.DEBUG, () -> connection + ": " + status + " " + reason);
        releaseBody();
        stopped = true;
        inputAbandoned = true;
        HttpExchange current = exchange != null ? exchange
                : new HttpExchange(this, new HttpRequestHead("GET", "*", HttpVersion.HTTP_1_1, Headers.empty()));
        exchange = current;
        messageRead = true;
        current.mustCloseAfterReply();
        if (!current.replyStarted()) {
            current.reply(status, reason + "\n");
        } else if (current.replied()) {
            closeWhenDrained();
        } else {
            connection.close();
        }
    }

    /**
     * After a request this session read to its end, a flushed close; after one it stopped reading
     * (an error, a reply before the body), a lingering close: the client may still be sending, and
     * a reset would destroy the answer (HttpServerOptions, lingeringTime).
     */
    private void closeWhenDrained() {
        if (inputAbandoned) {
            outbox.lingerWhenDrained(server.options().lingeringTime(), server.options().lingeringTimeout());
        } else {
            outbox.closeWhenDrained();
        }
    }

    /** The Content-Length, -1 for chunked (unknown), 0 without body. */
    private static long declaredLength(HttpRequestHead head) {
        if (head.headers().contains("Transfer-Encoding")) {
            return -1;
        }
        String length = head.headers().get("Content-Length");
        return length == null ? 0 : Long.parseLong(length.split(",")[0].strip());
    }
}
