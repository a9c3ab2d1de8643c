package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One server connection: parses requests, raises {@link HttpEvent}s and keeps responses in
 * request order. While a request waits for its reply, reading pauses and the next pipelined
 * request stays in the connection's buffer.
 */
final class ServerSession implements Handler {

    private static final System.Logger LOG = System.getLogger(ServerSession.class.getName());
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final HttpServer server;
    private final Connection connection;
    private final HttpParser parser;
    private final Outbox outbox;
    private HttpExchange exchange;
    private ByteArrayOutputStream body;
    private boolean messageRead;
    private long declaredLength;
    private boolean stopped;
    /** The new owner, waiting for the queued 101 to reach the connection; else null. */
    private UpgradeHandler pendingUpgrade;

    ServerSession(HttpServer server, Connection connection) {
        this.server = server;
        this.connection = connection;
        this.parser = HttpParser.requests(server.options().limits());
        this.outbox = new Outbox(connection);
    }

    @Override
    public void handle(Connection c, Event event) {
        if (event instanceof Event.Read read) {
            onRead(read.data());
        } else if (event instanceof Event.Write) {
            outbox.pump();
            handOverWhenSent();
        } else if (event instanceof Event.Close) {
            outbox.release();
            server.forget(this);
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

    /** True while {@code e}'s request body is still to come: a reply now means closing after it. */
    boolean bodyUnread(HttpExchange e) {
        return e == exchange && !messageRead && declaredLength != 0;
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
            server.forget(this);
        } else if (done.closesAfter()) {
            stopped = true;
            outbox.closeWhenDrained();
        } else {
            connection.resumeReading();
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
        server.handOver(this, owner);
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
            dispatch(part);
        }
    }

    private void dispatch(HttpPart part) {
        if (part instanceof HttpRequestHead head) {
            onHead(head);
        } else if (part instanceof BodyChunk chunk) {
            onBody(chunk);
        } else if (part instanceof MessageEnd end) {
            onEnd(end);
        }
    }

    private void onHead(HttpRequestHead head) {
        exchange = new HttpExchange(this, head);
        messageRead = false;
        body = null;
        int hosts = head.headers().all("Host").size();
        if (hosts > 1 || (hosts == 0 && head.version() == HttpVersion.HTTP_1_1)) {
            // RFC 9112 §3.2: proxies and caches may pick different hosts, a known smuggling vector.
            reject(400, "expected one Host header but was " + hosts);
            return;
        }
        declaredLength = declaredLength(head);
        long length = declaredLength;
        deliver(new HttpEvent.Head(head));
        if (exchange.replyStarted() && length != 0) {
            stopReadingRequest();
            return;
        }
        boolean stream = exchange.streamsBody() || (length > server.options().bodyLimit()
                && server.options().streamLargeBodies());
        if (!stream && length > server.options().bodyLimit()) {
            reject(413, "expected a body of at most " + server.options().bodyLimit() + " bytes but was " + length);
            return;
        }
        body = stream ? null : new ByteArrayOutputStream();
        if (head.expectsContinue() && length != 0) {
            outbox.add(CONTINUE);
        }
    }

    private void onBody(BodyChunk chunk) {
        if (body == null) {
            deliver(new HttpEvent.Body(chunk));
            return;
        }
        if (body.size() + chunk.data().remaining() > server.options().bodyLimit()) {
            reject(413, "expected a body of at most " + server.options().bodyLimit() + " bytes but was more");
            return;
        }
        body.writeBytes(chunk.bytes());
    }

    private void onEnd(MessageEnd end) {
        messageRead = true;
        HttpExchange current = exchange;
        if (body == null) {
            deliver(new HttpEvent.End(end.trailers()));
        } else if (!current.replyStarted()) {
            deliver(new HttpEvent.Message(new HttpRequest(current.request(), body.toByteArray(), end.trailers())));
            body = null;
        }
        if (current.replied()) {
            replied(current);
        }
    }

    /** The handler answered before the body: the client may never send it, so read no further (RFC 9110 §10.1.1). */
    private void stopReadingRequest() {
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

    /** A request that cannot be served: answer with {@code status} if no reply began, then close. */
    private void reject(int status, String reason) {
        LOG.log(Level.DEBUG, () -> connection + ": " + status + " " + reason);
        stopped = true;
        HttpExchange current = exchange != null ? exchange
                : new HttpExchange(this, new HttpRequestHead("GET", "*", HttpVersion.HTTP_1_1, Headers.empty()));
        exchange = current;
        messageRead = true;
        current.mustCloseAfterReply();
        if (!current.replyStarted()) {
            current.reply(status, reason + "\n");
        } else if (current.replied()) {
            outbox.closeWhenDrained();
        } else {
            connection.close();
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
