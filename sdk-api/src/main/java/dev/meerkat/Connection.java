package dev.meerkat;

import dev.meerkat.internal.Conn;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsSession;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One TCP or UDP socket (or listener) owned by a {@link Manager}. Every method but
 * {@link #sendAsync}, {@link #id()} and {@link #manager()} must be called on the manager's thread
 * (from a handler, a timer, or {@link Manager#execute}/{@link Manager#submit}). From another thread,
 * {@link #sendAsync} is the one call that sends; a stream of data with backpressure goes through
 * {@link BlockingConnection}.
 *
 * <p>Buffers are allocated when needed and released when empty: an idle connection holds no I/O
 * buffer.
 *
 * <p><b>Backpressure.</b> Reading from the socket stops while {@link Options#receiveLimit()} received
 * bytes wait unconsumed or after {@link #pauseReading()}; it resumes when the handler consumed bytes
 * or called {@link #resumeReading()}. A paused connection gets no Read events (until
 * {@link #close()}). Writing: {@link #isWritable()} turns false above
 * {@link Options#writeHighWatermark()} and true again at {@link Options#writeLowWatermark()},
 * each change announced by {@link Event.Writability}; {@link #send} refuses data over
 * {@link Options#sendLimit()}; a {@link Event.Write} with {@code queued == 0} says everything went
 * to the socket.
 *
 * <p><b>End of input</b> (the drain invariant). When the peer closes or resets, or {@link #close()}
 * is called, every byte already read from the socket is decrypted and offered in Read events, in
 * order, before the one Close event. If reading is paused, the peer's end waits until the handler
 * resumes and has taken the bytes; {@link #close()} offers them despite the pause. The offering
 * ends when the handler is offered bytes and takes none. Then the end is classified once (see
 * {@link CloseReason}). A failed write ends only the output: reading goes on until the peer's end,
 * which decides the reason, and the Close carries the write failure as its cause.
 *
 * <p><b>TLS close.</b> Meerkat has no TLS half-close, the same on every backend: once the peer's
 * close_notify was read, {@link #send} returns false and plaintext still queued but not yet
 * encrypted is dropped (RFC 5246 section 7.2.1); the data before the close_notify is delivered,
 * then Meerkat answers with its own close_notify, flushes it and closes with {@link CloseReason#CLEAN}.
 * {@link #close()} sends no close_notify; {@link #closeAfterFlush()} does.
 */
public final class Connection {
    private final Conn conn;

    Connection(Conn conn) {
        this.conn = conn;
    }

    /** The implementation, for {@link LoopGroup}'s listeners. */
    Conn conn() { return conn; }

    /** {@return a number unique within the manager, for logs and errors} Any thread. */
    public long id() { return conn.id(); }

    /** {@return the manager that owns this connection} Any thread. */
    public Manager manager() { return conn.manager(); }

    /**
     * {@return the bound local address} For a listener on port 0 it holds the port chosen. Null
     * before the socket is bound.
     */
    public @Nullable InetSocketAddress localAddress() { return conn.localAddress(); }

    /**
     * {@return the peer's address} For UDP it is the sender of the last datagram. Null while a
     * connect still resolves the host name.
     */
    public @Nullable InetSocketAddress remoteAddress() { return conn.remoteAddress(); }

    /**
     * {@return true for what {@link Manager#listen} made} A TCP listener accepts connections and
     * carries no data itself; a UDP one receives datagrams.
     */
    public boolean isListener() { return conn.isListener(); }

    /** {@return true for a UDP connection} */
    public boolean isUdp() { return conn.isUdp(); }

    /** {@return true when this side initiated the connection} */
    public boolean isClient() { return conn.isClient(); }

    /** {@return true when the connection runs TLS, including once {@link #startTls} was called} */
    public boolean isTls() { return conn.isTls(); }

    /**
     * Starts TLS on a plain client connection that is connected and holds no bytes either way: a
     * tunnel through an HTTP CONNECT proxy, a STARTTLS protocol. {@code host} is used for SNI and
     * the certificate check; {@code context} null means the default provider's client context.
     * {@link Event.TlsHandshake} follows when the handshake completes; sends from now on go out
     * encrypted.
     *
     * @param host    the server's name, for SNI and the certificate check
     * @param context the client context to use, or null for the default provider's
     * @throws IllegalStateException on a connection that is not a connected plain TCP client, or
     *                               that still holds received or queued bytes
     */
    public void startTls(String host, @Nullable TlsContext context) { conn.startTls(host, context); }

    /** {@return the TLS session once the handshake completed, else null} */
    public @Nullable TlsSession tlsSession() { return conn.tlsSession(); }

    /** {@return the options this connection was opened with} */
    public Options options() { return conn.options(); }

    /** {@return the application's object attached with {@link #attach}, or null when none is} */
    public @Nullable Object attachment() { return conn.attachment(); }

    /**
     * Attaches the application's own object to this connection, replacing any earlier one.
     * Meerkat never looks at it.
     *
     * @param attachment the object, or null to remove it
     */
    public void attach(@Nullable Object attachment) { conn.attach(attachment); }

    /**
     * Replaces the handler, for instance when a protocol upgrades the connection. The next event
     * goes to the new handler.
     *
     * @param handler the handler for every later event
     */
    public void handler(Handler handler) { conn.handler(handler); }

    /**
     * Queues {@code data} (from position to limit) for sending and consumes it. Returns false and
     * queues nothing when that would hold more than {@link Options#sendLimit()} bytes, or when the
     * connection is closing (also after the peer's TLS close_notify); wait for a {@link Event.Write}
     * and try again. Before the TLS handshake completes the data waits in the queue. UDP: sends one
     * datagram to the remote address at once; false when the kernel did not take it.
     *
     * @param data the bytes to send; its position moves to its limit when they are taken
     * @return true when the bytes were queued (UDP: sent), false when none were
     * @throws IllegalStateException when called off the loop thread
     */
    public boolean send(ByteBuffer data) { return conn.send(data); }

    /**
     * Queues all of {@code data} for sending, as {@link #send(ByteBuffer)} does. The bytes are copied
     * into the queue: the array may be reused at once.
     *
     * @param data the bytes to send
     * @return true when the bytes were queued (UDP: sent), false when none were
     * @throws IllegalStateException when called off the loop thread
     */
    public boolean send(byte[] data) { return send(ByteBuffer.wrap(data)); }

    /**
     * Queues {@code count} bytes of {@code file} from {@code position}, after everything already
     * queued and before whatever is sent later, on a TCP connection, plain or TLS. A plain connection
     * writes them with {@link FileChannel#transferTo} (sendfile on Linux) when the socket is
     * writable, so no byte passes through the heap, and the region holds no memory. A TLS connection
     * reads the region a batch at a time (48 KiB, three records) straight into one pooled direct
     * buffer once the bytes before it went out and encrypts it from there, reading on only as the
     * socket takes the ciphertext: it holds at most that one batch of the file, counted by the memory
     * budget while held. {@link Options#sendLimit()} does not count a region, but
     * {@link #queuedBytes()} and the write watermarks do, so {@link #isWritable()} turns false until
     * most of it went out. The file must not shrink meanwhile: a region whose file ends early fails
     * the connection (Error, then Close(ERROR)). Before a TLS handshake completes the region waits,
     * as queued bytes do.
     *
     * <p>The connection owns {@code file} from this call on and closes it once the region was sent,
     * when the output fails, the connection closes or fails, or at once when this returns false.
     *
     * @param file     the file to send from, open for reading
     * @param position where in the file the region starts
     * @param count    how many bytes to send; 0 sends nothing and closes the file
     * @return true when the region was queued; false when the connection is closing, its output
     *         failed or the TLS peer closed (the file is then closed)
     * @throws IllegalStateException    on a connection that is not TCP, or when called off the loop
     *                                  thread
     * @throws IllegalArgumentException when {@code position} or {@code count} is negative
     */
    public boolean sendFile(FileChannel file, long position, long count) { return conn.sendFile(file, position, count); }

    /**
     * Thread-safe {@link #send(ByteBuffer)}: copies the bytes from position to limit now (the caller
     * may reuse its buffer, whose position does not move), sends them on the loop thread, and
     * completes the future there with what {@link #send} returned: false when the connection could
     * not take them (closing, or over {@link Options#sendLimit()}).
     *
     * @param data the bytes to send; copied before this returns
     * @return a future completed on the loop thread with the result of {@link #send}
     */
    public CompletableFuture<Boolean> sendAsync(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
        return manager().submit(() -> send(copy));
    }

    /**
     * Thread-safe {@link #send(byte[])}: as {@link #sendAsync(ByteBuffer)}, the bytes are copied
     * before this returns.
     *
     * @param data the bytes to send; copied before this returns
     * @return a future completed on the loop thread with the result of {@link #send}
     */
    public CompletableFuture<Boolean> sendAsync(byte[] data) { return sendAsync(ByteBuffer.wrap(data)); }

    /**
     * UDP: sends {@code data} (position to limit) as one datagram to {@code target}.
     *
     * @param target where the datagram goes; on a connected UDP socket it must be the peer
     * @param data   the payload; consumed when sent
     * @return true when the kernel took the datagram, false when it was not sent or the connection
     *         is closing; a send that fails with an I/O error also fails the connection
     * @throws IllegalStateException    on a TCP connection, or when called off the loop thread
     * @throws IllegalArgumentException when the socket is connected to a different peer
     */
    public boolean sendTo(InetSocketAddress target, ByteBuffer data) { return conn.sendTo(target, data); }

    /**
     * {@return the bytes queued and not yet handed to the socket} That is plaintext waiting, plus for
     * TLS ciphertext already encrypted but not yet written.
     */
    public long queuedBytes() { return conn.queuedBytes(); }

    /**
     * False while more than {@link Options#writeHighWatermark()} bytes are queued, until they fall
     * to {@link Options#writeLowWatermark()}: a producer stops sending and waits for
     * {@link Event.Writability}. Always false once closing.
     *
     * @return true when the producer may send more
     */
    public boolean isWritable() { return conn.isWritable(); }

    /** Stops reading from the socket until {@link #resumeReading()}; received bytes stay buffered. */
    public void pauseReading() { conn.pauseReading(); }

    /** Resumes reading; buffered bytes are offered again in a Read at the next poll. */
    public void resumeReading() { conn.resumeReading(); }

    /**
     * Starts a timer that fires {@link Event.Timer} with {@code tag}; a null period fires once. The
     * timer dies with the connection. A repeating timer runs at a fixed rate; a late loop fires it
     * once, not once per missed period.
     *
     * @param delay  time until the first firing
     * @param period time between later firings, or null to fire once
     * @param tag    the object the {@link Event.Timer} carries, to tell timers apart
     * @return the timer, to cancel it; on a closed connection one that never fires
     * @throws IllegalArgumentException when {@code delay} or {@code period} is negative
     * @throws IllegalStateException    when called off the loop thread
     */
    public Timer timer(Duration delay, @Nullable Duration period, Object tag) { return conn.timer(delay, period, tag); }

    /**
     * Closes now: bytes already read are offered (even when reading is paused), then Close(LOCAL)
     * fires; queued output is dropped. Idempotent.
     *
     * @throws IllegalStateException when called off the loop thread
     */
    public void close() { conn.close(); }

    /**
     * Sends everything queued (and TLS close_notify), then closes with LOCAL.
     *
     * @throws IllegalStateException when called off the loop thread
     */
    public void closeAfterFlush() { conn.closeAfterFlush(); }

    /**
     * A lingering close (nginx's {@code lingering_close}), for a server that answers before it read
     * everything the client sends (an error, an early reply to an upload): like
     * {@link #closeAfterFlush()}, then the output is half-closed (TCP FIN) and what the client sends
     * from then on is read and dropped, never offered, until the client ends its side,
     * {@code timeout} passes without a byte, or {@code time} since the half-close; then Close(LOCAL).
     * A plain close with unread input resets the connection, which can destroy the answer before the
     * client read it. A zero {@code time} makes it a plain {@link #closeAfterFlush()}, and so does a
     * connection without a byte stream (a listener, UDP).
     *
     * @param time    the longest the connection lingers after the half-close
     * @param timeout the longest wait for the client's next byte while lingering
     * @throws IllegalStateException when called off the loop thread
     */
    public void lingeringClose(Duration time, Duration timeout) { conn.lingeringClose(time, timeout); }

    /**
     * {@return true after close(), closeAfterFlush(), a failure or once the close reason is decided}
     */
    public boolean isClosing() { return conn.isClosing(); }

    @Override
    public String toString() { return conn.toString(); }
}
