package dev.meerkat;

import dev.meerkat.tls.TlsSession;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One TCP or UDP socket (or listener) owned by a {@link Manager}. Every method must be called on
 * the manager's thread (from a handler, a timer, or {@link Manager#execute}).
 *
 * <p>Buffers are allocated when needed and released when empty: an idle connection holds no I/O
 * buffer.
 */
public final class Connection {
    // API skeleton: the core implementation replaces every body below.

    /** A number unique within the manager, for logs and errors. */
    public long id() { throw new UnsupportedOperationException(); }

    public Manager manager() { throw new UnsupportedOperationException(); }

    public InetSocketAddress localAddress() { throw new UnsupportedOperationException(); }

    /** The peer; for UDP the sender of the last datagram. Null while a connect still resolves. */
    public InetSocketAddress remoteAddress() { throw new UnsupportedOperationException(); }

    public boolean isListener() { throw new UnsupportedOperationException(); }

    public boolean isUdp() { throw new UnsupportedOperationException(); }

    /** True when this side initiated the connection. */
    public boolean isClient() { throw new UnsupportedOperationException(); }

    public boolean isTls() { throw new UnsupportedOperationException(); }

    /** The TLS session once the handshake completed, else null. */
    public TlsSession tlsSession() { throw new UnsupportedOperationException(); }

    public Options options() { throw new UnsupportedOperationException(); }

    /** The application's object attached to this connection. */
    public Object attachment() { throw new UnsupportedOperationException(); }

    public void attach(Object attachment) { throw new UnsupportedOperationException(); }

    /** Replaces the handler, for instance when a protocol upgrades the connection. */
    public void handler(Handler handler) { throw new UnsupportedOperationException(); }

    /**
     * Queues {@code data} (from position to limit) for sending and consumes it. Returns false and
     * queues nothing when that would hold more than {@link Options#sendLimit()} bytes, or when the
     * connection is closing; wait for a {@link Event.Write} and try again.
     */
    public boolean send(ByteBuffer data) { throw new UnsupportedOperationException(); }

    public boolean send(byte[] data) { return send(ByteBuffer.wrap(data)); }

    /** UDP: sends one datagram to {@code target}. */
    public boolean sendTo(InetSocketAddress target, ByteBuffer data) { throw new UnsupportedOperationException(); }

    /** Plaintext bytes queued and not yet handed to the socket. */
    public long queuedBytes() { throw new UnsupportedOperationException(); }

    /** Stops reading from the socket until {@link #resumeReading()}; received bytes stay buffered. */
    public void pauseReading() { throw new UnsupportedOperationException(); }

    public void resumeReading() { throw new UnsupportedOperationException(); }

    /** Starts a timer that fires {@link Event.Timer} with {@code tag}; a null period fires once. */
    public Timer timer(Duration delay, Duration period, Object tag) { throw new UnsupportedOperationException(); }

    /**
     * Closes now: bytes already read are delivered, then Close(LOCAL) fires; queued output is
     * dropped. Idempotent.
     */
    public void close() { throw new UnsupportedOperationException(); }

    /** Sends everything queued (and TLS close_notify), then closes with LOCAL. */
    public void closeAfterFlush() { throw new UnsupportedOperationException(); }

    public boolean isClosing() { throw new UnsupportedOperationException(); }
}
