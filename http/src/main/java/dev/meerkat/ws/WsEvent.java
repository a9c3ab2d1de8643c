package dev.meerkat.ws;

import dev.meerkat.CloseReason;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link WsHandler} receives, on the manager's thread, in this order for one WebSocket:
 * Open, then Text/Binary/Ping/Pong/Write/Writability..., then Close. A failure fires Error before the
 * Close; a client whose connect or handshake fails gets Error and Close without Open.
 *
 * <table>
 * <caption>WebSocket events</caption>
 * <tr><th>event</th><th>fires when</th><th>carries</th></tr>
 * <tr><td>{@link Open}</td><td>the opening handshake completed</td><td>the subprotocol selected, or null</td></tr>
 * <tr><td>{@link Text}</td><td>a whole text message arrived (fragments joined, UTF-8 checked)</td>
 *     <td>the text</td></tr>
 * <tr><td>{@link Binary}</td><td>a whole binary message arrived</td><td>the bytes, the handler's to keep</td></tr>
 * <tr><td>{@link Ping}</td><td>a ping arrived; the pong was already queued</td><td>its payload</td></tr>
 * <tr><td>{@link Pong}</td><td>a pong arrived</td><td>its payload</td></tr>
 * <tr><td>{@link Write}</td><td>output went to the socket: a refused send may be retried</td>
 *     <td>bytes still queued</td></tr>
 * <tr><td>{@link Writability}</td><td>{@link WebSocket#isWritable()} changed, seen at an output event;
 *     always after a send that left it false or was refused, once true again</td><td>writable or not</td></tr>
 * <tr><td>{@link Error}</td><td>a protocol violation (a {@link WsProtocolException}), a failed handshake
 *     (a {@link WsHandshakeException}) or a connection failure</td><td>the cause</td></tr>
 * <tr><td>{@link Close}</td><td>the connection closed; the last event</td><td>close code, reason, and the
 *     connection's {@link CloseReason}</td></tr>
 * </table>
 */
public sealed interface WsEvent {

    /**
     * The opening handshake completed; messages may be sent from now on.
     *
     * @param subprotocol the subprotocol selected, or null when none was
     */
    record Open(@Nullable String subprotocol) implements WsEvent {}

    /**
     * A whole text message, its fragments joined and its UTF-8 checked.
     *
     * @param text the message
     */
    record Text(String text) implements WsEvent {}

    /**
     * A whole binary message.
     *
     * @param data a fresh array the handler may keep
     */
    record Binary(byte[] data) implements WsEvent {}

    /**
     * A ping arrived; the pong with the same payload was already queued.
     *
     * @param payload the ping's payload, at most 125 bytes
     */
    record Ping(byte[] payload) implements WsEvent {}

    /**
     * A pong arrived, the answer to a {@link WebSocket#ping} or unsolicited.
     *
     * @param payload the pong's payload, at most 125 bytes
     */
    record Pong(byte[] payload) implements WsEvent {}

    /**
     * Bytes went to the socket: a send that was refused may be retried.
     *
     * @param queued bytes of frames that still wait to be sent
     */
    record Write(long queued) implements WsEvent {}

    /**
     * {@link WebSocket#isWritable()} changed: backpressure.
     *
     * @param writable true when the WebSocket can take messages again, false when it should not be
     *                 given more
     */
    record Writability(boolean writable) implements WsEvent {}

    /**
     * Something failed; a Close follows.
     *
     * @param cause a {@link WsProtocolException}, a {@link WsHandshakeException} or the connection's
     *              failure
     */
    record Error(Throwable cause) implements WsEvent {}

    /**
     * The connection closed. {@code code} and {@code reason} come from the peer's close frame; 1005
     * ({@link CloseCodes#NO_STATUS}) when it had no code. Without a close frame from the peer they
     * are those this side failed the connection with (1002, 1007, 1009...; an Error came before), or
     * 1006 ({@link CloseCodes#ABNORMAL}) when the connection just ended (RFC 6455 §7.1.5).
     * {@code connection} says how the TCP/TLS connection ended.
     *
     * @param code       the close status code
     * @param reason     the close reason, possibly empty
     * @param connection how the TCP/TLS connection ended
     */
    record Close(int code, String reason, CloseReason connection) implements WsEvent {}
}
