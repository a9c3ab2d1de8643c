package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.http.internal.HttpDates;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One request and its response on a server connection. Reply once: {@link #reply} with a whole
 * body (Content-Length set), or {@link #startChunked}, {@link #sendChunk}..., {@link #endChunked}.
 * Responses leave in request order even when pipelined requests are answered later. Loop thread
 * only (use {@link dev.meerkat.Manager#execute} to answer from elsewhere).
 */
public final class HttpExchange {

    private enum Reply { NONE, STARTED, DONE }

    private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONNECTION_KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] NO_BYTES = new byte[0];

    /** How this request's body arrives: as the server's options say, or as the handler chose during Head. */
    private enum BodyMode { SERVER_DEFAULT, STREAM, BUFFER }

    private final ServerSession session;
    private final HttpRequestHead request;
    private Reply reply = Reply.NONE;
    private BodyMode bodyMode = BodyMode.SERVER_DEFAULT;
    private boolean chunkedEncoding;
    private boolean closeAfter;
    private int status;
    private long bodyBytes;
    private UpgradeHandler upgradeTo;

    HttpExchange(ServerSession session, HttpRequestHead request) {
        this.session = session;
        this.request = request;
    }

    /**
     * The request's method, target, version and headers.
     *
     * @return the request head
     */
    public HttpRequestHead request() {
        return request;
    }

    /**
     * The connection the request came on: its peer address, TLS session and attributes. Pausing or
     * closing it affects every request pipelined on it.
     *
     * @return the server connection
     */
    public Connection connection() {
        return session.connection();
    }

    /**
     * During {@link HttpEvent.Head}: deliver this body as {@link HttpEvent.Body} events then
     * {@link HttpEvent.End}, even when the server buffers bodies ({@link HttpServerOptions#bufferedBodies()}).
     */
    public void streamBody() {
        bodyMode = BodyMode.STREAM;
    }

    /**
     * During {@link HttpEvent.Head}: deliver this request whole as one {@link HttpEvent.Message}, even
     * when the server streams bodies. The body counts against the manager's
     * {@link dev.meerkat.MemoryBudget}: over {@link HttpServerOptions#bodyLimit()} it is answered with
     * 413, without room in the budget with 503.
     */
    public void bufferBody() {
        bodyMode = BodyMode.BUFFER;
    }

    /**
     * Replies with a plain-text body in UTF-8 ({@code Content-Type: text/plain; charset=utf-8}).
     *
     * @param status the response status, such as 200 or 404
     * @param text   the body
     * @throws IllegalStateException when a reply already began
     */
    public void reply(int status, String text) {
        reply(status, Headers.of("Content-Type", "text/plain; charset=utf-8"), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replies with {@code body} (not copied: do not change it afterwards); Content-Length is set,
     * except for 1xx, 204 and 304, which have no body (RFC 9110 §6.4.1, §8.6). A 101 goes out with
     * its headers as given, but the caller must then take the connection over itself and the server
     * no longer counts it: {@link #upgrade} does it right.
     *
     * @param status  the response status
     * @param headers the response headers; Content-Length is replaced, Date and Connection added when
     *                needed
     * @param body    the body; sent to no HEAD request and for no status without a body
     * @throws IllegalStateException when a reply already began
     */
    public void reply(int status, Headers headers, byte[] body) {
        if (!bodyAllowed(status)) {
            begin(status, headers.toBuilder().remove("Content-Length").build(), false);
            finish();
            return;
        }
        begin(status, headers.withReplaced("Content-Length", Integer.toString(body.length)), false);
        if (!request.method().equals("HEAD")) {
            session.outbox().add(body);
            bodyBytes = body.length;
        }
        finish();
    }

    /**
     * Switches the connection to another protocol (RFC 9110 §7.8): replies 101 with
     * {@code responseHeaders} as given (they name the protocol in {@code Upgrade} and carry
     * {@code Connection: Upgrade}), after every reply queued before it. Once the 101 is in the
     * connection's send queue, {@code owner} takes the connection over: see {@link UpgradeHandler}.
     * The server goes on counting the connection, closes it in {@link HttpServer#close()} and waits
     * for it in {@link HttpServer#shutdown()}. If the connection closes before the 101 left, the owner
     * never hears of it.
     *
     * <p>During {@link HttpServer#shutdown()} the upgrade is refused: the reply is 503 with
     * {@code Connection: close}, as a new protocol session would only be cut short at once.
     *
     * @param responseHeaders the 101's headers, sent as given (a Date is added when missing)
     * @param owner           takes the connection over once the 101 is queued
     * @return true when the 101 was queued, false when it was refused with 503
     * @throws IllegalStateException when a reply already began, or the request has a body not yet read
     */
    public boolean upgrade(Headers responseHeaders, UpgradeHandler owner) {
        Objects.requireNonNull(owner, "owner");
        if (session.closing()) {
            reply(503, "the server is shutting down\n");
            return false;
        }
        if (session.bodyUnread(this)) {
            throw new IllegalStateException("expected the upgrade of " + request.method() + " " + request.target()
                    + " after its body was read but the body was still unread");
        }
        upgradeTo = owner;
        begin(101, responseHeaders.toBuilder().remove("Content-Length").build(), false);
        finish();
        return true;
    }

    /**
     * Starts a streamed reply: chunked for an HTTP/1.1 client, a body ended by closing for an HTTP/1.0
     * one. Send the body with {@link #sendChunk} and finish with {@link #endChunked}.
     *
     * @param status  the response status
     * @param headers the response headers; Content-Length is removed
     * @throws IllegalStateException when a reply already began
     */
    public void startChunked(int status, Headers headers) {
        boolean chunked = request.version() == HttpVersion.HTTP_1_1;
        Headers h = headers.toBuilder().remove("Content-Length").build();
        begin(status, chunked ? h.withReplaced("Transfer-Encoding", "chunked") : h, !chunked);
        chunkedEncoding = chunked;
    }

    /**
     * Bytes of this connection's reply output not yet handed to the socket. {@link #sendChunk} never
     * refuses data: a handler streaming a large body checks {@link #isWritable()} and waits with
     * {@link #onWritable} instead of queueing the whole body in memory.
     *
     * @return the queued byte count of every reply on this connection
     */
    public long queuedBytes() {
        return session.outbox().queuedBytes();
    }

    /**
     * Whether more reply output may be queued without holding too much in memory.
     *
     * @return true while the queued output is under the connection's send limit and the connection is
     *     open
     */
    public boolean isWritable() {
        return session.outbox().isWritable();
    }

    /**
     * Runs {@code callback} once on the loop thread when {@link #isWritable()} holds: at once if it
     * already does, else after enough output went to the socket. Never runs if the connection closes
     * first. A later call replaces an earlier callback.
     *
     * @param callback what to run, on the loop thread
     */
    public void onWritable(Runnable callback) {
        session.outbox().onWritable(Objects.requireNonNull(callback, "callback"));
    }

    /**
     * When {@link #isWritable()} does not hold, pauses reading the connection until it does: a
     * handler that sends what it reads (an echo, a proxy) calls this after each {@link #sendChunk},
     * so it reads no faster than the client takes the reply. Replaces a callback given to
     * {@link #onWritable}.
     */
    public void pauseReadingUntilWritable() {
        if (!isWritable()) {
            Connection connection = session.connection();
            connection.pauseReading();
            onWritable(connection::resumeReading);
        }
    }

    /**
     * Sends one chunk of a streamed reply; an empty one is skipped, as it would end the body. Never
     * refuses data: see {@link #isWritable()}.
     *
     * @param data the bytes between its position and limit, copied; its position does not move
     * @throws IllegalStateException unless a {@link #startChunked} reply is under way
     */
    public void sendChunk(ByteBuffer data) {
        requireStreaming();
        if (!data.hasRemaining() || request.method().equals("HEAD")) {
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
        bodyBytes += copy.remaining();
        if (chunkedEncoding) {
            session.outbox().add(ascii(Integer.toHexString(copy.remaining()) + "\r\n"));
            session.outbox().add(copy);
            session.outbox().add(ascii("\r\n"));
        } else {
            session.outbox().add(copy);
        }
    }

    /**
     * Sends one chunk of a streamed reply, as {@link #sendChunk(ByteBuffer)}.
     *
     * @param data the bytes, copied
     * @throws IllegalStateException unless a {@link #startChunked} reply is under way
     */
    public void sendChunk(byte[] data) {
        sendChunk(ByteBuffer.wrap(data));
    }

    /**
     * Ends a streamed reply without trailers.
     *
     * @throws IllegalStateException unless a {@link #startChunked} reply is under way
     */
    public void endChunked() {
        endChunked(Headers.empty());
    }

    /**
     * Ends a streamed reply, with trailers. An HTTP/1.0 client gets no trailers: its body ends when
     * the connection closes.
     *
     * @param trailers the trailer fields, sent after the last chunk
     * @throws IllegalStateException unless a {@link #startChunked} reply is under way
     */
    public void endChunked(Headers trailers) {
        requireStreaming();
        if (chunkedEncoding && !request.method().equals("HEAD")) {
            StringBuilder sb = new StringBuilder("0\r\n");
            HeaderWriter.append(sb, trailers);
            session.outbox().add(ascii(sb.toString()));
        }
        finish();
    }

    /**
     * Closes the connection once this reply has gone out (its bytes flushed), as a server that
     * closes after every response does (httpbin.org in Mongoose issue 2570). Called before the
     * reply begins, the reply carries {@code Connection: close} (RFC 9112 §9.6); called while a
     * chunked reply streams, its headers are already sent and the connection closes after its end.
     *
     * @throws IllegalStateException when the reply is already complete
     */
    public void closeAfterReply() {
        if (reply == Reply.DONE) {
            throw new IllegalStateException("expected closeAfterReply() before the reply to " + request.method() + " "
                    + request.target() + " was complete but it was already sent");
        }
        mustCloseAfterReply();
    }

    /**
     * The reply's status: what an access log records.
     *
     * @return the status once the reply began, else 0
     */
    public int status() {
        return status;
    }

    /**
     * The reply's body bytes queued so far (none for HEAD): what an access log records.
     *
     * @return the body byte count, without chunk framing
     */
    public long bodyBytes() {
        return bodyBytes;
    }

    /**
     * Whether a reply began.
     *
     * @return true once the status line was queued
     */
    public boolean replyStarted() {
        return reply != Reply.NONE;
    }

    /**
     * Whether the whole reply was queued.
     *
     * @return true once the reply is complete
     */
    public boolean replied() {
        return reply == Reply.DONE;
    }

    /**
     * A reply whose body is a region of {@code file}, which is closed when sent; {@code zeroCopy}:
     * the connection sends it with sendfile ({@link Outbox#addFile}).
     */
    void replyFile(int status, Headers headers, FileChannel file, long offset, long length, boolean zeroCopy) {
        begin(status, headers.withReplaced("Content-Length", Long.toString(length)), false);
        if (request.method().equals("HEAD") || length == 0) {
            closeQuietly(file);
        } else {
            session.outbox().addFile(file, offset, length, zeroCopy);
            bodyBytes = length;
        }
        finish();
    }

    boolean buffersBody(boolean serverDefault) {
        return bodyMode == BodyMode.SERVER_DEFAULT ? serverDefault : bodyMode == BodyMode.BUFFER;
    }

    /** The request cannot be read on: answer, then close the connection, whatever state the reply is in. */
    void mustCloseAfterReply() {
        closeAfter = true;
    }

    boolean closesAfter() {
        return closeAfter;
    }

    /** The new owner of the connection after {@link #upgrade}, else null. */
    UpgradeHandler upgradeHandler() {
        return upgradeTo;
    }

    /** True after a 101 reply: the connection now speaks another protocol. */
    boolean switchedProtocols() {
        return status == 101;
    }

    /**
     * Replies with a head encoded once ({@link PreparedHead}) and {@code body}, whose length it
     * announces: a cached file's 200. Only the Date and a Connection field are added, and the
     * response goes out with no {@link Headers} copied or encoded ({@link Outbox#addResponse}).
     */
    void replyPrepared(PreparedHead head, byte[] body) {
        requireNoReply();
        closeAfter |= endsConnection();
        boolean sendsBody = !request.method().equals("HEAD");
        byte[] connectionField = closeAfter ? CONNECTION_CLOSE
                : request.version() == HttpVersion.HTTP_1_0 ? CONNECTION_KEEP_ALIVE : NO_BYTES;
        session.outbox().addResponse(head.open(), connectionField, sendsBody ? body : NO_BYTES);
        started(head.status());
        bodyBytes = sendsBody ? body.length : 0;
        finish();
    }

    private void begin(int status, Headers headers, boolean closeDelimited) {
        requireNoReply();
        // A 101 keeps its Connection: Upgrade: the connection goes on in the new protocol.
        boolean switching = status == 101;
        if (!switching) {
            closeAfter |= closeDelimited || endsConnection() || headers.hasToken("Connection", "close");
        }
        Headers dated = headers.contains("Date") ? headers : headers.with("Date", HttpDates.now());
        Headers sent = switching ? dated : connectionHeader(dated);
        session.outbox().add(HttpResponseHead.of(status, sent).encode());
        started(status);
    }

    private void requireNoReply() {
        if (reply != Reply.NONE) {
            throw new IllegalStateException("expected one reply to " + request.method() + " " + request.target()
                    + " but a reply was already " + (reply == Reply.DONE ? "sent" : "started"));
        }
    }

    /** What closes the connection after any reply: the request, a shutdown, or a body left unread. */
    private boolean endsConnection() {
        return !request.keepAlive() || session.closing() || session.replyAbandonsBody(this);
    }

    private void started(int status) {
        connection().manager().eventListener().response(connection(), status);
        this.status = status;
        reply = Reply.STARTED;
    }

    private Headers connectionHeader(Headers headers) {
        if (closeAfter) {
            return headers.hasToken("Connection", "close") ? headers : headers.withReplaced("Connection", "close");
        }
        return request.version() == HttpVersion.HTTP_1_0 ? headers.withReplaced("Connection", "keep-alive") : headers;
    }

    private void finish() {
        reply = Reply.DONE;
        session.replied(this);
    }

    private void requireStreaming() {
        if (reply != Reply.STARTED) {
            throw new IllegalStateException("expected a started chunked reply to " + request.target()
                    + " but was " + reply);
        }
    }

    static boolean bodyAllowed(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (java.io.IOException e) {
            // Nothing was written to it.
        }
    }
}
