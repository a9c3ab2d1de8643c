package dev.meerkat.http;

import dev.meerkat.CloseReason;
import dev.meerkat.http.internal.BodyDecoder;
import dev.meerkat.http.internal.FieldSection;
import dev.meerkat.http.internal.Framing;
import dev.meerkat.http.internal.LineReader;
import dev.meerkat.http.internal.StartLines;
import dev.meerkat.http.internal.StartLines.RequestLine;
import dev.meerkat.http.internal.StartLines.StatusLine;
import dev.meerkat.http.internal.SyntaxError;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * An incremental HTTP/1.1 parser for one connection's stream of requests or of responses. Pure:
 * no I/O, no threads. It never holds a whole message: it returns the head, then body slices as
 * they arrive, then the end, one {@link HttpPart} per {@link #next} call.
 *
 * <p>Input follows the contract of {@link dev.meerkat.Event.Read}: the parser consumes bytes by
 * advancing the buffer's position; an incomplete line is left in place and must come again, with
 * more bytes after it, at the next call. Pipelined messages are parsed one after another.
 *
 * <pre>{@code
 * HttpPart part;
 * while ((part = parser.next(buffer)) != null) { ... }
 * }</pre>
 *
 * <p>A response parser must know each request's method ({@link #expectResponseTo}) to frame HEAD
 * responses. When the input ends, call {@link #endOfInput}: a close-delimited body completes only
 * with {@link CloseReason#CLEAN}. After a 101 or a 2xx to CONNECT the stream is no longer HTTP:
 * {@link #isUpgraded()} turns true and the parser leaves every further byte alone.
 */
public final class HttpParser {

    private enum State { HEAD, BODY, UPGRADED, ENDED, FAILED }

    private final boolean parsesRequests;
    private final HttpLimits limits;
    private final LineReader lines = new LineReader();
    private final FieldSection headerSection;
    /** A response parser's methods of the requests not yet answered; made at the first, so a server's parser has none. */
    private @Nullable Deque<String> requestMethods;
    private State state = State.HEAD;
    private RequestLine requestLine;
    private StatusLine statusLine;
    private int skippedEmptyBytes;
    private BodyDecoder body;
    private boolean upgradeAfterBody;
    private long messageNumber = 1;
    private HttpParseException failure;

    private HttpParser(boolean parsesRequests, HttpLimits limits) {
        this.parsesRequests = parsesRequests;
        this.limits = limits;
        this.headerSection = new FieldSection(lines, limits.maxHeaderCount(), limits.maxHeaderBytes(), "header");
    }

    /**
     * A server's parser: a stream of requests.
     *
     * @param limits bounds on the start line and header sections
     * @return a new parser for one connection
     */
    public static HttpParser requests(HttpLimits limits) {
        return new HttpParser(true, limits);
    }

    /**
     * A client's parser: a stream of responses; tell it each request's method.
     *
     * @param limits bounds on the start line and header sections
     * @return a new parser for one connection
     */
    public static HttpParser responses(HttpLimits limits) {
        return new HttpParser(false, limits);
    }

    /**
     * Queues the method of a request sent on this connection; responses pair with them in order.
     *
     * @param method the request method, such as {@code HEAD} (whose response has no body) or
     *               {@code CONNECT}
     */
    public void expectResponseTo(String method) {
        if (requestMethods == null) {
            requestMethods = new ArrayDeque<>(4);
        }
        requestMethods.add(method);
    }

    /**
     * The next part, consuming its bytes from {@code in}; null when {@code in} holds no complete
     * part. A {@link BodyChunk} views {@code in}: use it before changing {@code in}.
     *
     * @param in the bytes received, from position to limit; the position moves past what was consumed
     * @return a head, a body chunk or a message end; null when more input is needed, or after an
     *     upgrade or the end of input
     * @throws HttpParseException when the message breaks the syntax or a limit; every later call
     *                            throws it again
     */
    public @Nullable HttpPart next(ByteBuffer in) throws HttpParseException {
        try {
            return switch (state) {
                case HEAD -> head(in);
                case BODY -> body(in);
                case UPGRADED, ENDED -> null;
                case FAILED -> throw failure;
            };
        } catch (SyntaxError e) {
            state = State.FAILED;
            failure = new HttpParseException(e.status(), messageNumber, e.getMessage());
            throw failure;
        }
    }

    /**
     * The input ended with {@code reason}. Returns the end of a message whose body was in
     * progress (complete or not, see {@link MessageEnd}), or null between messages.
     *
     * @param reason how the connection ended; a close-delimited body is complete only when
     *               {@link CloseReason#CLEAN}
     * @return the end of the message in progress, or null when none was
     * @throws HttpParseException when the input ended inside a head
     */
    public @Nullable MessageEnd endOfInput(CloseReason reason) throws HttpParseException {
        boolean insideHead = state == State.HEAD && !isIdle();
        State was = state;
        state = was == State.FAILED ? State.FAILED : State.ENDED;
        if (was == State.BODY) {
            return body.endOfInput(reason);
        }
        if (insideHead) {
            failure = new HttpParseException(400, messageNumber,
                    "expected a complete " + (parsesRequests ? "request" : "response") + " head but the input ended ("
                            + reason + ")");
            state = State.FAILED;
            throw failure;
        }
        return null;
    }

    /**
     * Whether the stream stopped being HTTP.
     *
     * @return true after a 101 or a tunnel: the bytes that follow belong to another protocol
     */
    public boolean isUpgraded() {
        return state == State.UPGRADED;
    }

    /**
     * Whether the parser is between messages, where a connection may close without cutting one.
     *
     * @return true when no message is in progress: nothing of a next message was seen, not even an
     *     empty line
     */
    public boolean isIdle() {
        return state == State.HEAD && skippedEmptyBytes == 0 && !hasStartLine() && !headerSection.started()
                && !lines.hasPartialLine();
    }

    /**
     * Which message of the connection the parser is at, as {@link HttpParseException#messageNumber()}
     * counts.
     *
     * @return the number of the message in progress, or of the next one; 1 for the first
     */
    public long messageNumber() {
        return messageNumber;
    }

    private HttpPart head(ByteBuffer in) throws SyntaxError {
        if (!hasStartLine() && !readStartLine(in)) {
            return null;
        }
        Headers headers = headerSection.read(in);
        if (headers == null) {
            return null;
        }
        HttpPart head = parsesRequests ? requestHead(headers) : responseHead(headers);
        requestLine = null;
        statusLine = null;
        skippedEmptyBytes = 0;
        state = State.BODY;
        return head;
    }

    /**
     * Skips empty lines before a start line, as RFC 9112 §2.2 asks of servers: at most the line
     * limit's worth, so that a stream of CRLFs is refused rather than read forever.
     */
    private boolean readStartLine(ByteBuffer in) throws SyntaxError {
        int tooLong = parsesRequests ? 414 : 400;
        String what = parsesRequests ? "request line" : "status line";
        int max = limits.maxStartLineLength();
        while (true) {
            String line = lines.read(in, max, tooLong, what);
            if (line == null) {
                return false;
            }
            if (!line.isEmpty()) {
                if (parsesRequests) {
                    requestLine = StartLines.request(line);
                } else {
                    statusLine = StartLines.status(line);
                }
                return true;
            }
            skippedEmptyBytes += 2;
            if (skippedEmptyBytes > max) {
                throw SyntaxError.badRequest("expected a " + what + " after at most " + max
                        + " bytes of empty lines but was more");
            }
        }
    }

    private HttpPart requestHead(Headers headers) throws SyntaxError {
        RequestLine line = requestLine;
        HttpRequestHead head = new HttpRequestHead(line.method(), line.target(), line.version(), headers);
        body = Framing.forRequest(head, lines, limits);
        upgradeAfterBody = false;
        return head;
    }

    private HttpPart responseHead(Headers headers) throws SyntaxError {
        StatusLine line = statusLine;
        HttpResponseHead head = new HttpResponseHead(line.version(), line.status(), line.reason(), headers);
        String method = requestMethods == null || requestMethods.isEmpty() ? "GET" : requestMethods.peek();
        if (requestMethods != null && (!head.isInformational() || head.status() == 101)) {
            requestMethods.poll();
        }
        body = Framing.forResponse(method, head, lines, limits);
        upgradeAfterBody = head.status() == 101 || Framing.isTunnel(method, head.status());
        return head;
    }

    private boolean hasStartLine() {
        return requestLine != null || statusLine != null;
    }

    private HttpPart body(ByteBuffer in) throws SyntaxError {
        HttpPart part = body.next(in);
        if (part instanceof MessageEnd) {
            body = null;
            messageNumber++;
            state = upgradeAfterBody ? State.UPGRADED : State.HEAD;
        }
        return part;
    }
}
