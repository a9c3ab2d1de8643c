package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection, plain or TLS: the shared read/write path with backpressure, and the drain.
 *
 * <p>The drain (DESIGN.md, "The drain invariant"): when the input ends (EOF, reset, the peer's
 * close_notify) or the user closes, every byte already read is decoded and offered to the handler,
 * in order, before the end is classified once. A paused handler makes the end wait; a handler that
 * is offered bytes and takes none (without pausing) ends the offering.
 */
final class StreamConn extends Conn {
    /** Why the input ended. */
    private enum End { EOF, RESET, CLOSE_NOTIFY }

    private final boolean tlsRequested;
    private final String peerHost;
    private final ByteQueue received;
    private final ByteQueue queued;
    private SocketChannel channel;
    private Transport transport;
    private TlsLayer tls;
    private boolean connected;
    private boolean paused;
    private boolean freshInput;
    private boolean flushRequested;
    private boolean outputBroken;
    private End end;
    private IOException endCause;

    private StreamConn(Loop loop, Options options, Handler handler, boolean client, boolean tls, String peerHost) {
        super(loop, options, handler, client);
        this.tlsRequested = tls;
        this.peerHost = peerHost;
        this.received = new ByteQueue(loop.account());
        this.queued = new ByteQueue(loop.account());
    }

    static StreamConn connecting(Loop loop, Endpoint endpoint, Options options, Handler handler) {
        boolean tls = endpoint.isTls() || options.tls() != null;
        return new StreamConn(loop, options, handler, true, tls, endpoint.host());
    }

    /** An inbound connection: fires Open and Accept, then starts TLS when the listener has it. */
    static void accept(Loop loop, SocketChannel channel, Options options, Handler handler) throws IOException {
        StreamConn conn = new StreamConn(loop, options, handler, false, options.tls() != null, null);
        conn.channel = channel;
        conn.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
        loop.register(conn, channel, 0);
        conn.fire(new Event.Open());
        conn.fire(new Event.Accept());
        conn.connected();
    }

    // ---- connecting

    /** The address resolved: opens the socket and starts a non-blocking connect. */
    void connectTo(InetSocketAddress address) {
        remoteAddress = address;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            loop.register(this, channel, SelectionKey.OP_CONNECT);
            if (channel.connect(address)) {
                fire(new Event.Connect());
                connected();
            }
        } catch (IOException e) {
            fail(connectFailure(e));
        }
    }

    private void finishConnect() {
        try {
            if (channel.finishConnect()) {
                fire(new Event.Connect());
                connected();
            }
        } catch (IOException e) {
            fail(connectFailure(e));
        }
    }

    private IOException connectFailure(IOException cause) {
        ConnectException failure = new ConnectException(this + ": connect to " + remoteAddress
                + " failed: " + cause.getMessage());
        failure.initCause(cause);
        return failure;
    }

    private void connected() {
        connected = true;
        touched();
        try {
            localAddress = (InetSocketAddress) channel.getLocalAddress();
            transport = tlsRequested ? startTls() : new PlainTransport(received, queued, loop.account(), options.receiveLimit());
            if (flushRequested) {
                transport.closeOutbound();
            }
        } catch (IOException | RuntimeException e) {
            // A provider's runtime failure (a bug, a bad config) ends this connection, not the loop.
            fail(e);
            return;
        }
        flush();
        pump();
    }

    private Transport startTls() throws TlsException {
        TlsContext context = options.tls() != null ? options.tls() : loop.defaultClientContext();
        int port = remoteAddress == null ? 0 : remoteAddress.getPort();
        tls = new TlsLayer(context.newEngine(peerHost, port), received, queued, loop.account(),
                options.receiveLimit(), this::handshakeCompleted);
        return tls;
    }

    private void handshakeCompleted(TlsSession session) {
        fire(new Event.TlsHandshake(session));
    }

    // ---- the loop's calls

    @Override
    void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
            finishConnect();
            return;
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            readSocket();
            pump();
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0 || transport != null) {
            flush();
        }
    }

    @Override
    void service() {
        if (closed) {
            return;
        }
        if (closeReason == null && closeRequested) {
            pump();
            decide(CloseReason.LOCAL, null, false);
        }
        if (closeReason == null && transport != null) {
            pump();
            flush();
            if (end != null && !paused) {
                endOfInput();
            } else if (flushRequested && transport.outputDone()) {
                decide(CloseReason.LOCAL, null, false);
            }
        }
        if (closeReason != null) {
            finishWhenFlushed();
        }
    }

    private void finishWhenFlushed() {
        if (flushBeforeClose() && !outputBroken && transport != null && !transport.outputDone()) {
            flush();
            if (!outputBroken && !transport.outputDone()) {
                return;
            }
        }
        finish();
    }

    // ---- reading and the drain

    private void readSocket() {
        int budget = end == null ? transport.readBudget() : 0;
        if (budget <= 0) {
            updateInterest();
            return;
        }
        int before = received.size();
        try {
            int count = transport.read(channel, budget);
            if (count < 0) {
                end = End.EOF;
            } else if (count > 0) {
                touched();
            }
        } catch (IOException e) {
            end = End.RESET;
            endCause = e;
        }
        freshInput |= received.size() > before;
        updateInterest();
    }

    /** Decodes what was read and offers it to the handler until neither moves any more. */
    private void pump() {
        boolean moved = transport != null;
        while (moved && closeReason == null) {
            moved = decode();
            moved |= deliver();
        }
        updateInterest();
    }

    private boolean decode() {
        int before = received.size();
        try {
            boolean moved = transport.decode();
            if (end == null && transport.peerClosed()) {
                end = End.CLOSE_NOTIFY;
            }
            freshInput |= received.size() > before;
            return moved;
        } catch (TlsException e) {
            freshInput |= received.size() > before;
            tlsFailed(e);
            return false;
        }
    }

    /** Offers the unconsumed bytes; true when the handler consumed some. */
    private boolean deliver() {
        if (paused || !freshInput || received.isEmpty() || closed) {
            return false;
        }
        freshInput = false;
        ByteBuffer view = received.readable();
        fire(new Event.Read(view));
        int consumed = view.position();
        received.consume(consumed);
        // Bytes left after some were taken are offered again: the handler may take one message per Read.
        freshInput = consumed > 0 && !received.isEmpty();
        return consumed > 0;
    }

    /** A TLS failure: the plaintext decrypted before it is delivered, the fatal alert is tried, then ERROR. */
    private void tlsFailed(TlsException failure) {
        while (deliver()) {
            // each round consumed bytes: bounded by what is buffered
        }
        transport.discardQueued();
        try {
            transport.write(channel);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        fail(failure);
    }

    /** Everything readable was offered: classify the end once. */
    private void endOfInput() {
        if (tlsRequested && !transport.isEstablished()) {
            // A close during the handshake is a handshake failure, whatever the engine would call it.
            fail(new TlsException(TlsException.Kind.HANDSHAKE, this + ": the peer "
                    + (end == End.RESET ? "reset" : "closed") + " the connection during the TLS handshake", endCause));
            return;
        }
        if (end == End.RESET) {
            decide(CloseReason.RESET, endCause, false);
            return;
        }
        CloseReason reason = transport.classifyEnd();
        if (transport.peerClosed()) {
            // One behaviour for every backend: no TLS half-close. Unencrypted output is dropped
            // (RFC 5246 section 7.2.1) and our close_notify answers the peer's.
            transport.discardQueued();
            transport.closeOutbound();
        }
        decide(reason, null, true);
    }

    // ---- writing

    private void flush() {
        if (transport == null || !connected || outputBroken || closed) {
            return;
        }
        try {
            int written = transport.write(channel);
            if (written > 0) {
                touched();
                if (transport.isEstablished()) {
                    fire(new Event.Write(written, queuedBytes()));
                }
            }
        } catch (TlsException e) {
            fail(e);
        } catch (IOException e) {
            writeFailed(e);
        }
        updateInterest();
    }

    /** The peer is gone (EPIPE, reset): output is dropped and the input ends as a reset. */
    private void writeFailed(IOException e) {
        outputBroken = true;
        transport.discardQueued();
        if (end == null) {
            end = End.RESET;
            endCause = failure("write failed", e);
        }
        loop.requestService();
    }

    private void updateInterest() {
        if (closed) {
            return;
        }
        if (!connected) {
            setInterest(channel == null ? 0 : SelectionKey.OP_CONNECT);
            return;
        }
        int ops = 0;
        if (end == null && !paused && closeReason == null && !closeRequested && transport != null
                && transport.readBudget() > 0) {
            ops |= SelectionKey.OP_READ;
        }
        if (!outputBroken && transport != null && transport.hasWritableOutput()) {
            ops |= SelectionKey.OP_WRITE;
        }
        setInterest(ops);
    }

    // ---- API

    @Override
    public boolean isTls() {
        return tlsRequested;
    }

    @Override
    public TlsSession tlsSession() {
        return tls == null ? null : tls.session();
    }

    @Override
    public boolean send(ByteBuffer data) {
        loop.checkThread();
        if (isClosing() || (transport != null && transport.peerClosed())) {
            return false;
        }
        if (queuedBytes() + data.remaining() > options.sendLimit()) {
            return false;
        }
        queued.append(data);
        loop.requestService();
        return true;
    }

    @Override
    public long queuedBytes() {
        return queued.size() + (transport == null ? 0 : transport.pendingOutput());
    }

    @Override
    public void pauseReading() {
        paused = true;
        updateInterest();
    }

    @Override
    public void resumeReading() {
        // Also re-offers bytes a handler declined at the receive limit: nothing else would.
        paused = false;
        freshInput = !received.isEmpty();
        updateInterest();
        loop.requestService();
    }

    @Override
    public void closeAfterFlush() {
        loop.checkThread();
        if (!isClosing()) {
            flushRequested = true;
            if (transport != null) {
                transport.closeOutbound();
            }
            loop.requestService();
        }
    }

    @Override
    public boolean isClosing() {
        return super.isClosing() || flushRequested;
    }

    @Override
    boolean isEstablished() {
        return transport != null && transport.isEstablished();
    }

    @Override
    void releaseResources() {
        if (transport != null) {
            transport.release();
        }
        received.release();
        queued.release();
        loop.closeQuietly(channel);
    }
}
