package dev.meerkat;

import dev.meerkat.tls.TlsSession;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Handler} receives. Events fire on the manager's thread, in this order for one
 * connection: Open, [Resolve], Connect or Accept, [TlsHandshake], Read/Write/Timer/Poll..., Close.
 *
 * <table>
 * <caption>Events</caption>
 * <tr><th>event</th><th>fires when</th><th>carries</th></tr>
 * <tr><td>{@link Open}</td><td>the connection object exists (listen, connect or accept)</td><td>-</td></tr>
 * <tr><td>{@link Resolve}</td><td>the host name of a connect resolved</td><td>the address</td></tr>
 * <tr><td>{@link Connect}</td><td>an outbound TCP connect completed (UDP: at once)</td><td>-</td></tr>
 * <tr><td>{@link Accept}</td><td>a listener accepted this inbound connection</td><td>-</td></tr>
 * <tr><td>{@link TlsHandshake}</td><td>the TLS handshake completed; once per connection</td><td>the session</td></tr>
 * <tr><td>{@link Read}</td><td>plaintext arrived</td><td>every received byte not yet consumed</td></tr>
 * <tr><td>{@link Datagram}</td><td>a UDP datagram arrived</td><td>the payload and sender</td></tr>
 * <tr><td>{@link Write}</td><td>bytes went to the socket</td><td>bytes written, bytes still queued</td></tr>
 * <tr><td>{@link Writability}</td><td>the queued bytes crossed a write watermark</td><td>writable or not</td></tr>
 * <tr><td>{@link Timer}</td><td>a connection timer expired</td><td>the timer's tag</td></tr>
 * <tr><td>{@link Poll}</td><td>every {@link Manager#poll} iteration</td><td>the time in millis</td></tr>
 * <tr><td>{@link Error}</td><td>a failure; a Close follows</td><td>the cause</td></tr>
 * <tr><td>{@link Close}</td><td>the connection closed; the last event</td><td>reason, cause or null</td></tr>
 * </table>
 */
public sealed interface Event {

    /** The connection object exists: the first event, from listen, connect or accept. */
    record Open() implements Event {}

    /**
     * The host name of a connect resolved; also fires for an IP literal.
     *
     * @param address the address the connect goes to
     */
    record Resolve(InetSocketAddress address) implements Event {}

    /** An outbound TCP connect completed; UDP fires it at once. Data may be sent from now on. */
    record Connect() implements Event {}

    /** A listener accepted this inbound connection. Data may be sent from now on. */
    record Accept() implements Event {}

    /**
     * The TLS handshake completed; fires once per connection. Plaintext queued before it now goes out.
     *
     * @param session the negotiated version, cipher suite, peer certificates and provider
     */
    record TlsHandshake(TlsSession session) implements Event {}

    /**
     * Plaintext arrived. {@code data} holds every received byte not yet consumed, from its position
     * to its limit. Consume bytes by advancing the position; what is left stays buffered and is
     * offered again, with new bytes appended, at the next Read. The buffer is valid only during
     * the call.
     *
     * @param data the unconsumed bytes, from position to limit
     */
    record Read(ByteBuffer data) implements Event {}

    /**
     * A UDP datagram arrived.
     *
     * @param data   the payload, valid only during the call
     * @param sender where it came from
     */
    record Datagram(ByteBuffer data, InetSocketAddress sender) implements Event {}

    /**
     * Bytes went to the socket; {@code written} counts socket bytes (ciphertext on TLS, where Write
     * fires only after the handshake); when {@code queued} is zero the send buffer is empty.
     *
     * @param written bytes written to the socket by this write
     * @param queued  bytes still queued, as {@link Connection#queuedBytes()}
     */
    record Write(int written, long queued) implements Event {}

    /**
     * The queued bytes rose above {@link Options#writeHighWatermark()} ({@code writable} false) or,
     * after that, fell to {@link Options#writeLowWatermark()} ({@code writable} true): the
     * backpressure signal for a producer. Fires at the poll after the change, once per change.
     *
     * @param writable whether the producer may send again, as {@link Connection#isWritable()}
     */
    record Writability(boolean writable) implements Event {}

    /**
     * A timer started with {@link Connection#timer} expired.
     *
     * @param tag the tag given to {@link Connection#timer}
     */
    record Timer(Object tag) implements Event {}

    /**
     * Fires for every connection at each {@link Manager#poll} iteration, after I/O and timers.
     *
     * @param nowMillis the wall-clock time of this poll, as {@link System#currentTimeMillis()}
     */
    record Poll(long nowMillis) implements Event {}

    /**
     * A failure: connect, handshake, certificate, protocol, timeout, or the handler threw. A Close
     * with {@link CloseReason#ERROR} and the same cause follows.
     *
     * @param cause what failed
     */
    record Error(Throwable cause) implements Event {}

    /**
     * The last event of a connection. {@code cause} is set when reason is ERROR, and also when a
     * write failed before the input ended: the input decides the reason (CLEAN when close_notify
     * arrived, RESET when the input then ended without it, since only a reset fails a write), the
     * write failure is the cause.
     *
     * @param reason how the connection ended
     * @param cause  the failure, or null when none
     */
    record Close(CloseReason reason, @Nullable Throwable cause) implements Event {}
}
