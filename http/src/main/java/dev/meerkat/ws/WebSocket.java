package dev.meerkat.ws;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import dev.meerkat.MemoryBudget;
import dev.meerkat.http.HttpExchange;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket (RFC 6455) on a {@link Connection}: a server's, upgraded from an HTTP request with
 * {@link #accept}, or a client's, opened with {@link #connect}. Loop thread only, like connections.
 *
 * <pre>{@code
 * HttpServer.listen(manager, "http://127.0.0.1:8080", HttpServerOptions.defaults(), (exchange, event) -> {
 *     if (event instanceof HttpEvent.End) {
 *         WebSocket.accept(exchange, WsOptions.defaults(), (ws, e) -> {
 *             if (e instanceof WsEvent.Text t) {
 *                 ws.send(t.text());
 *             }
 *         });
 *     }
 * });
 * WebSocket.connect(manager, "ws://127.0.0.1:8080/chat", WsOptions.defaults(), (ws, e) -> {
 *     if (e instanceof WsEvent.Open) {
 *         ws.send("hello");
 *     }
 * });
 * }</pre>
 *
 * <p><b>Sending.</b> {@link #send(String)} and {@link #send(ByteBuffer)} queue a whole message or
 * nothing: false when the connection's send queue cannot take it now (over
 * {@link dev.meerkat.Options#sendLimit()}; retry at a {@link WsEvent.Write}), before Open, or once a
 * close frame was sent. A message longer than the send limit is taken when nothing else waits, and
 * goes out in pieces while the connection is writable.
 *
 * <p><b>Backpressure.</b> A producer sends while {@link #isWritable()} and then waits for
 * {@link WsEvent.Writability} true: the socket is unwritable while the connection holds more than
 * its {@link dev.meerkat.Options#writeHighWatermark()} until it falls to the low watermark, or while
 * part of a long message still waits to enter it. A send that left it unwritable, or was refused,
 * is always followed by a Writability(true) once it can take messages again, unless it closes.
 *
 * <p><b>Closing</b> (§7). {@link #close(int, String)} sends a close frame and waits up to
 * {@link WsOptions#closeTimeout()} for the peer's. A close frame received is answered with the same
 * code. Then the server closes the TCP connection first; the client waits up to the close timeout for
 * it. A protocol violation fires Error, sends a close frame with its code and closes the connection.
 */
public final class WebSocket {

    private static final System.Logger LOG = System.getLogger(WebSocket.class.getName());
    private static final Object CLOSE_TIMEOUT = new Object();

    private final WsHandler handler;
    private final WsOptions options;
    private final boolean client;
    private final FrameParser parser;
    private final FrameEncoder encoder;
    private final WritabilityNotice writability = new WritabilityNotice();
    private @Nullable Connection connection;
    private WsOutbox outbox;
    private @Nullable String subprotocol;
    private boolean open;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean failed;
    private int closeCode = CloseCodes.ABNORMAL;
    private String closeReason = "";

    private WebSocket(WsOptions options, WsHandler handler, boolean client, MemoryBudget budget) {
        this.options = options;
        this.handler = handler;
        this.client = client;
        this.parser = new FrameParser(!client, options.maxMessageSize(), budget);
        this.encoder = new FrameEncoder(client, options.maxFrameSize());
    }

    /**
     * Upgrades {@code exchange}, whose request must be a WebSocket handshake (§4.2.1), through
     * {@link HttpExchange#upgrade}: replies 101 after the replies queued before it, then hands the
     * connection to the returned WebSocket and fires Open (at once, unless earlier replies still
     * wait to be sent). Frames the client sent with the handshake are read after Open. Call it at the
     * request's {@link dev.meerkat.http.HttpEvent.End} ({@link dev.meerkat.http.HttpEvent.Message} when
     * the server buffers bodies). A request that is not a valid handshake
     * is answered with 400 (426 with {@code Sec-WebSocket-Version: 13} for another version) and null
     * is returned; so is a handshake during {@link dev.meerkat.http.HttpServer#shutdown()}, answered
     * with 503. The server's shutdown closes the WebSocket with 1001 (going away, §7.4.1).
     *
     * @param exchange the exchange of the handshake request; loop thread only
     * @param options  limits, subprotocols offered and extra response headers
     * @param handler  gets the WebSocket's events, on the loop thread
     * @return the WebSocket, or null when the handshake was refused
     * @throws IllegalStateException when the exchange already has a reply, or its request body was
     *     not read
     */
    public static @Nullable WebSocket accept(HttpExchange exchange, WsOptions options, WsHandler handler) {
        ServerHandshake.Answer answer = ServerHandshake.answer(exchange.request(), options.subprotocols(),
                options.headers());
        if (answer.status() != 101) {
            LOG.log(Level.DEBUG, () -> exchange.connection() + ": refused a WebSocket handshake: " + answer.problem());
            byte[] body = (answer.problem() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.reply(answer.status(), answer.headers(), body);
            return null;
        }
        WebSocket socket = new WebSocket(options, handler, false, exchange.connection().manager().memoryBudget());
        socket.connection = exchange.connection();
        if (!exchange.upgrade(answer.headers(), new ServerUpgrade(socket, answer.subprotocol()))) {
            return null;
        }
        return socket;
    }

    /**
     * Whether a request asks for a WebSocket upgrade, so a handler can route it to {@link #accept}.
     *
     * @param exchange the exchange of the request
     * @return true when the request asks for a WebSocket upgrade, valid or not
     */
    public static boolean isUpgradeRequest(HttpExchange exchange) {
        return ServerHandshake.isUpgrade(exchange.request());
    }

    /**
     * Connects to {@code ws://host[:port]/path} or {@code wss://...} and performs the opening
     * handshake; Open fires once the server's 101 was checked. wss uses the TLS context of
     * {@link WsOptions#connection()} or the default client context, with the URL's host for SNI and
     * certificate checks. Failures arrive as Error then Close. Loop thread only; from another thread
     * use {@link #connectAsync}.
     *
     * @param manager the manager whose loop runs the connection
     * @param url     {@code ws://} or {@code wss://} URL of the endpoint
     * @param options connection options, limits and subprotocols asked for
     * @param handler gets the WebSocket's events, on the loop thread
     * @return the WebSocket, not yet open
     * @throws IllegalArgumentException for a URL that is not ws:// or wss://
     */
    public static WebSocket connect(Manager manager, String url, WsOptions options, WsHandler handler) {
        URI uri = ClientHandshake.parse(url);
        WebSocket socket = new WebSocket(options, handler, true, manager.memoryBudget());
        ClientUpgrade upgrade = new ClientUpgrade(socket, uri, new ClientHandshake(options.subprotocols()));
        socket.connection = manager.connect(ClientHandshake.transport(uri), options.connection(), upgrade);
        return socket;
    }

    /**
     * Thread-safe {@link #connect}: {@code handler} gets every event as usual, and the future completes
     * at Open, on the loop thread, or fails with the cause of a close that came first.
     *
     * @param manager the manager whose loop runs the connection
     * @param url     {@code ws://} or {@code wss://} URL of the endpoint
     * @param options connection options, limits and subprotocols asked for
     * @param handler gets the WebSocket's events, on the loop thread
     * @return a future of the open WebSocket; it fails with {@link IllegalArgumentException} for a bad
     *     URL
     */
    public static CompletableFuture<WebSocket> connectAsync(Manager manager, String url, WsOptions options, WsHandler handler) {
        Opening opening = new Opening(handler);
        manager.submit(() -> connect(manager, url, options, opening)).whenComplete(opening::started);
        return opening.opened();
    }

    /**
     * Sends a text message; see the class comment for when it returns false.
     *
     * @param text the message, sent as UTF-8
     * @return true when the whole message was queued, false when none of it was
     */
    public boolean send(String text) {
        return sendMessage(Opcode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sends a binary message of the bytes from position to limit; see the class comment for when it
     * returns false.
     *
     * @param data the message, copied; its position is not moved
     * @return true when the whole message was queued, false when none of it was
     */
    public boolean send(ByteBuffer data) {
        return sendMessage(Opcode.BINARY, data);
    }

    /**
     * Sends a binary message, as {@link #send(ByteBuffer)}.
     *
     * @param data the message, copied
     * @return true when the whole message was queued, false when none of it was
     */
    public boolean send(byte[] data) {
        return send(ByteBuffer.wrap(data));
    }

    /**
     * Sends a ping, after the frames already queued, and never refused for the send limit. The peer's
     * answer arrives as {@link WsEvent.Pong}.
     *
     * @param payload at most 125 bytes
     * @return true when queued, false before Open or once closing
     * @throws IllegalArgumentException when the payload is over 125 bytes
     */
    public boolean ping(byte[] payload) {
        requireControlSize(payload.length, "ping payload");
        if (!canSend()) {
            return false;
        }
        outbox.control(encoder.control(Opcode.PING, payload));
        return true;
    }

    /**
     * Starts the closing handshake with 1000 (normal) and no reason, as {@link #close(int, String)}.
     *
     * @return true when the close frame was queued, false when one was already sent or the WebSocket
     *     is not open
     */
    public boolean close() {
        return close(CloseCodes.NORMAL, "");
    }

    /**
     * Starts the closing handshake with {@code code} (one allowed on the wire, see
     * {@link CloseCodes#isValidOnWire}) and a reason of at most 123 UTF-8 bytes. False when a close
     * frame was already sent or the WebSocket is not open.
     *
     * @param code   the close status code
     * @param reason the reason, empty for none
     * @return true when the close frame was queued
     * @throws IllegalArgumentException when the code is not allowed on the wire or the reason is too long
     */
    public boolean close(int code, String reason) {
        byte[] payload = closePayload(code, reason);
        if (!canSend()) {
            return false;
        }
        sendClose(payload);
        connection.timer(options.closeTimeout(), null, CLOSE_TIMEOUT);
        return true;
    }

    /**
     * The connection below.
     *
     * @return the connection; null only while a client's {@link #connect} has not returned. A server's
     *     is set from accept on.
     */
    public @Nullable Connection connection() {
        return connection;
    }

    /**
     * The subprotocol agreed in the handshake ({@code Sec-WebSocket-Protocol}).
     *
     * @return the subprotocol, or null before Open or when none was agreed
     */
    public @Nullable String subprotocol() {
        return subprotocol;
    }

    /**
     * Whether messages can go both ways.
     *
     * @return true from Open until a close frame was sent or received or the connection began closing
     */
    public boolean isOpen() {
        return open && !closeSent && !closeReceived && !connection.isClosing();
    }

    /**
     * Whether a producer should send more now; when false, wait for {@link WsEvent.Writability} true.
     *
     * @return true when a message sent now goes straight to the connection, which is below its high
     *     watermark
     */
    public boolean isWritable() {
        return canSend() && outbox.isWritable();
    }

    /**
     * Which side this is: a client masks its frames, a server must not (§5.1).
     *
     * @return true for a WebSocket opened with {@link #connect}, false for one from {@link #accept}
     */
    public boolean isClient() {
        return client;
    }

    /**
     * The options this WebSocket was made with.
     *
     * @return the options
     */
    public WsOptions options() {
        return options;
    }

    /**
     * Bytes of frames not yet handed to the socket, in this WebSocket's queue and the connection's.
     *
     * @return the byte count; 0 before Open
     */
    public long queuedBytes() {
        return outbox == null ? 0 : outbox.queuedBytes();
    }

    @Override
    public String toString() {
        return "WebSocket[" + (client ? "client " : "server ") + connection + "]";
    }

    // ---- called by the handshake

    void opened(Connection c, String selected) {
        connection = c;
        outbox = new WsOutbox(c);
        subprotocol = selected;
        open = true;
        fire(new WsEvent.Open(selected));
    }

    void onEvent(Connection c, Event event) {
        if (event instanceof Event.Read read) {
            onRead(read.data());
        } else if (event instanceof Event.Write) {
            onWrite();
        } else if (event instanceof Event.Writability) {
            onWritability();
        } else if (event instanceof Event.Timer timer && timer.tag() == CLOSE_TIMEOUT) {
            LOG.log(Level.DEBUG, () -> this + ": the peer did not finish the close in " + options.closeTimeout());
            c.close();
        } else if (event instanceof Event.Error error) {
            fire(new WsEvent.Error(error.cause()));
        } else if (event instanceof Event.Close close) {
            parser.release();
            fire(new WsEvent.Close(closeCode, closeReason, close.reason()));
        }
    }

    /** The server shuts down: §7.4.1 going away, then the closing handshake as for any close. */
    void goingAway() {
        close(CloseCodes.GOING_AWAY, "server shutting down");
    }

    void fire(WsEvent event) {
        handler.handle(this, event);
    }

    /** Parses frames; bytes after the peer's close frame or a violation are discarded (§5.5.1). */
    void onRead(ByteBuffer data) {
        while (!closeReceived && !failed && data.hasRemaining()) {
            Received received;
            try {
                received = parser.next(data);
            } catch (WsProtocolException e) {
                fail(e);
                break;
            }
            if (received == null) {
                return;
            }
            dispatch(received);
        }
        if (closeReceived || failed) {
            data.position(data.limit());
        }
    }

    private void onWrite() {
        onWritability();
        if (open && !connection.isClosing()) {
            fire(new WsEvent.Write(outbox.queuedBytes()));
        }
    }

    /** Output moved or the connection crossed a watermark: pump, then tell the user if writability changed. */
    private void onWritability() {
        outbox.pump();
        boolean writable = isWritable();
        if (open && !connection.isClosing() && writability.due(writable)) {
            fire(new WsEvent.Writability(writable));
        }
    }

    private void dispatch(Received received) {
        switch (received.opcode()) {
            case Opcode.TEXT -> fire(new WsEvent.Text(received.text()));
            case Opcode.BINARY -> fire(new WsEvent.Binary(received.payload()));
            case Opcode.PING -> {
                // §5.5.2: answer with a pong carrying the same payload, unless closing already.
                if (!closeSent) {
                    outbox.control(encoder.control(Opcode.PONG, received.payload()));
                }
                fire(new WsEvent.Ping(received.payload()));
            }
            case Opcode.PONG -> fire(new WsEvent.Pong(received.payload()));
            case Opcode.CLOSE -> onCloseFrame(received);
            default -> throw new IllegalStateException("expected a message or control opcode but was "
                    + received.opcode());
        }
    }

    /** §5.5.1: echo the close (same code) unless ours went first, then end the TCP connection. */
    private void onCloseFrame(Received frame) {
        closeReceived = true;
        closeCode = frame.closeCode();
        closeReason = frame.closeReason();
        if (!closeSent) {
            sendClose(closeCode == CloseCodes.NO_STATUS ? new byte[0] : closePayload(closeCode, ""));
        }
        finishClose();
    }

    /** §7.1.1: the server closes the TCP connection first; the client gives it a bounded time to do so. */
    private void finishClose() {
        if (client) {
            connection.timer(options.closeTimeout(), null, CLOSE_TIMEOUT);
        } else {
            outbox.closeWhenDrained();
        }
    }

    /** §7.1.7: fail the WebSocket connection: report, send our close frame, close the TCP connection. */
    private void fail(WsProtocolException violation) {
        failed = true;
        LOG.log(Level.DEBUG, () -> this + ": " + violation.getMessage());
        fire(new WsEvent.Error(violation));
        if (!closeSent) {
            closeCode = violation.closeCode();
            closeReason = "";
            sendClose(closePayload(violation.closeCode(), ""));
        }
        outbox.closeWhenDrained();
    }

    private boolean sendMessage(int opcode, ByteBuffer payload) {
        boolean accepted = canSend() && outbox.offer(encoder.message(opcode, payload));
        writability.sent(accepted, isWritable());
        return accepted;
    }

    private boolean canSend() {
        return open && !closeSent && !connection.isClosing();
    }

    private void sendClose(byte[] payload) {
        closeSent = true;
        outbox.control(encoder.control(Opcode.CLOSE, payload));
    }

    private static byte[] closePayload(int code, String reason) {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("expected a close code allowed on the wire but was " + code);
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        requireControlSize(2 + text.length, "close code and reason");
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    private static void requireControlSize(int size, String what) {
        if (size > 125) {
            throw new IllegalArgumentException("expected a " + what + " of at most 125 bytes (RFC 6455 §5.5) but was "
                    + size);
        }
    }
}
