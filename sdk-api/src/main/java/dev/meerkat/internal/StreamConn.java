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
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A TCP connection, plain or TLS: the shared read/write path with backpressure, and the drain.
 *
 * <p>Its two sides have their own states (docs/ARCHITECTURE.md, "The lifecycle"): {@link Input}
 * is open until the peer ends it, one way; {@link Output} is open until the user asks for a flushed
 * close or a write fails. A failed write ends only the output: reading goes on, and the input
 * decides the close reason.
 *
 * <p>The drain (docs/ARCHITECTURE.md, "The drain invariant"): when the input ends or the user
 * closes, every byte already read is decoded and offered to the handler, in order, before the end is
 * classified once. A paused handler makes the peer's end wait; a handler that is offered bytes and
 * takes none ends the offering.
 */
final class StreamConn extends Conn {
    /** The input side: open until the peer ends it, in one of three ways. */
    private enum Input { OPEN, EOF, RESET, CLOSE_NOTIFY }

    /**
     * The output side: open; flushing toward the close the user asked for; broken by a failed write
     * (reading goes on); or aborted, when a write failed while flushing (the close ends as RESET).
     */
    private enum Output { OPEN, FLUSHING, BROKEN, ABORTED }

    /** Set at construction, or later by {@link #startTls(String, TlsContext)} on a plain client connection. */
    private boolean tlsRequested;
    private String peerHost;
    /** The context of a TLS started later; null: the options' or the default one. */
    private TlsContext laterContext;
    private final ByteQueue received;
    private final ByteQueue queued;
    /** File regions after the queued bytes, each with the bytes sent after it. */
    private final FileRegions regions;
    private final Writability writability;
    private final Observed observed;
    private SocketChannel channel;
    /** Null until the TCP connect completed. */
    private Transport transport;
    private TlsLayer tls;
    private Input input = Input.OPEN;
    private IOException inputCause;
    private Output output = Output.OPEN;
    private IOException writeFailure;
    /** The application's demand: no Read events and no socket reads while paused. */
    private boolean paused;
    /** Received bytes the handler was offered and took none of: offered again only when more arrive. */
    private int declined;
    /** Set by {@link #lingeringClose}: after our last bytes, the peer's input is read and dropped. */
    private LingeringClose lingering;

    private StreamConn(Loop loop, Options options, Handler handler, boolean client, boolean tls, String peerHost) {
        super(loop, options, handler, client);
        this.tlsRequested = tls;
        this.peerHost = peerHost;
        this.received = new ByteQueue(loop.account());
        this.queued = new ByteQueue(loop.account());
        this.regions = new FileRegions(loop.account());
        this.writability = new Writability(options.writeLowWatermark(), options.writeHighWatermark());
        this.observed = new Observed(loop.observer(), facade());
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
        conn.established(new Event.Accept());
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
                established(new Event.Connect());
            }
        } catch (IOException e) {
            fail(connectFailure(e));
        }
    }

    private void finishConnect() {
        try {
            if (channel.finishConnect()) {
                established(new Event.Connect());
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

    /** TCP is up: the listener hears it first, then the handler gets {@code event} (Connect or Accept). */
    private void established(Event event) {
        observed.connected();
        fire(event);
        connected();
    }

    private void connected() {
        touched();
        try {
            localAddress = (InetSocketAddress) channel.getLocalAddress();
            transport = tlsRequested ? startTls()
                    : new PlainTransport(received, queued, regions, loop.account(), options.receiveLimit());
            if (output == Output.FLUSHING) {
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

    @Override
    public void startTls(String host, TlsContext context) {
        loop.checkThread();
        if (!isClient() || tlsRequested || transport == null || state() != State.OPEN
                || received.size() > 0 || queuedBytes() > 0) {
            throw new IllegalStateException("expected a connected plain TCP client holding no bytes but " + this
                    + " is " + (tlsRequested ? "TLS already" : transport == null ? "not connected"
                    : "holding " + received.size() + " received and " + queuedBytes() + " queued bytes"));
        }
        tlsRequested = true;
        peerHost = host;
        laterContext = context;
        try {
            transport = startTls();
        } catch (TlsException | RuntimeException e) {
            fail(e);
            return;
        }
        flush();
        pump();
    }

    private Transport startTls() throws TlsException {
        TlsContext context = laterContext != null ? laterContext
                : options.tls() != null ? options.tls() : loop.defaultClientContext();
        int port = remoteAddress == null ? 0 : remoteAddress.getPort();
        observed.handshakeStarted(context.providerName());
        tls = new TlsLayer(context.newEngine(peerHost, port), received, queued, regions, loop.account(),
                options.receiveLimit(), this::handshakeCompleted);
        return tls;
    }

    private void handshakeCompleted(TlsSession session) {
        observed.handshakeFinished(session);
        fire(new Event.TlsHandshake(session));
    }

    // ---- the loop's calls

    @Override
    void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
            finishConnect();
            return;
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && !discarding()) {
            readSocket();
            pump();
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0 || transport != null) {
            flush();
        }
    }

    /** Walks as far as the states allow in one call: a close decided here finishes in this poll. */
    @Override
    void service() {
        if (state() == State.OPEN) {
            serviceOpen();
        }
        if (state() == State.DRAINING) {
            drainForClose();
        }
        if (state() == State.LINGERING) {
            finishWhenFlushed();
        }
        if (state() == State.CLOSING) {
            finish();
        }
    }

    private void serviceOpen() {
        if (transport == null) {
            return;
        }
        pump();
        flush();
        announceWritability();
        if (state() != State.OPEN) {
            return;
        }
        if (input != Input.OPEN && !paused) {
            endOfInput();
        } else if (output == Output.FLUSHING && transport.outputDone()) {
            decide(CloseReason.LOCAL, null, lingering != null);
        } else if (output == Output.ABORTED) {
            // The flushed close the user asked for cannot finish: what was read is offered, then RESET.
            offerEverything();
            decide(CloseReason.RESET, writeFailure, false);
        }
    }

    /** close(): the bytes already read are offered despite a pause, then Close(LOCAL). */
    private void drainForClose() {
        offerEverything();
        decide(CloseReason.LOCAL, null, false);
        finish();
    }

    /** The user is closing: every byte already read is offered, paused or not. */
    private void offerEverything() {
        if (transport != null) {
            paused = false;
            declined = 0;
            pump();
        }
    }

    /**
     * Our last bytes (close_notify) go out before Close, unless the output is broken; a lingering
     * close then drops the peer's input until it ends or a bound passes.
     */
    private void finishWhenFlushed() {
        if (!outputFailed() && transport != null && !transport.outputDone()) {
            flush();
            if (!outputFailed() && !transport.outputDone()) {
                return;
            }
        }
        if (lingering != null && !outputFailed() && !discardInput()) {
            return;
        }
        finish();
    }

    /** Half-closes once, then drops what the peer sends; true once its input ended. */
    private boolean discardInput() {
        try {
            if (!lingering.halfClosed()) {
                lingering.halfClose(channel);
            }
        } catch (IOException e) {
            return true;
        }
        if (input != Input.OPEN || lingering.discard(channel, loop.readScratch())) {
            return true;
        }
        lingerUntil(lingering.deadlineNanos());
        updateInterest();
        return false;
    }

    private boolean discarding() {
        return lingering != null && lingering.halfClosed() && state() == State.LINGERING;
    }

    private void announceWritability() {
        writability.update(queuedBytes());
        if (writability.takeChange()) {
            fire(new Event.Writability(writability.isWritable()));
        }
    }

    // ---- the input side

    private void readSocket() {
        int budget = input == Input.OPEN ? transport.readBudget() : 0;
        if (budget <= 0) {
            updateInterest();
            return;
        }
        try {
            int count = transport.read(channel, budget, loop.readScratch());
            if (count < 0) {
                inputEnded(Input.EOF, null);
            } else if (count > 0) {
                touched();
                observed.read(count);
            }
        } catch (IOException e) {
            inputEnded(Input.RESET, e);
        }
        updateInterest();
    }

    /** OPEN to EOF, RESET or CLOSE_NOTIFY, once: the first end the peer gave is the one that counts. */
    private void inputEnded(Input how, IOException cause) {
        if (input == Input.OPEN) {
            input = how;
            inputCause = cause;
            loop.requestService();
        }
    }

    /** Decodes what was read and offers it to the handler until neither moves any more. */
    private void pump() {
        boolean moved = transport != null;
        while (moved && !isDecided() && !isClosed()) {
            moved = decode();
            moved |= deliver();
        }
        updateInterest();
    }

    private boolean decode() {
        try {
            boolean moved = transport.decode();
            if (transport.peerClosed()) {
                inputEnded(Input.CLOSE_NOTIFY, null);
            }
            return moved;
        } catch (TlsException e) {
            tlsFailed(e);
            return false;
        }
    }

    /** Offers the unconsumed bytes; true when the handler consumed some. */
    private boolean deliver() {
        if (paused || received.size() <= declined || isClosed()) {
            return false;
        }
        ByteBuffer view = received.readable();
        fire(new Event.Read(view));
        int consumed = view.position();
        received.consume(consumed);
        // Bytes left after some were taken are offered again: the handler may take one message per Read.
        declined = consumed == 0 ? received.size() : 0;
        return consumed > 0;
    }

    /** A TLS failure: the plaintext decrypted before it is delivered, the fatal alert is tried, then ERROR. */
    private void tlsFailed(TlsException failure) {
        declined = 0;
        while (deliver()) {
            // each round consumed bytes: bounded by what is buffered
        }
        transport.discardQueued();
        if (!outputFailed()) {
            try {
                transport.write(channel);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        fail(failure);
    }

    /** Everything readable was offered: classify the end once; the input side decides the reason. */
    private void endOfInput() {
        if (tlsRequested && !transport.isEstablished()) {
            // A close during the handshake is a handshake failure, whatever the engine would call it.
            fail(new TlsException(TlsException.Kind.HANDSHAKE, this + ": the peer "
                    + (input == Input.RESET ? "reset" : "closed") + " the connection during the TLS handshake",
                    inputCause));
            return;
        }
        if (input == Input.RESET) {
            if (writeFailure != null) {
                inputCause.addSuppressed(writeFailure);
            }
            decide(CloseReason.RESET, inputCause, false);
            return;
        }
        CloseReason reason = transport.classifyEnd();
        if (writeFailure != null && !transport.peerClosed()) {
            // Linux reports a peer's reset once, to whichever call comes first: when a write took
            // it, the read after sees the bytes still held and then only EOF.
            reason = CloseReason.RESET;
        }
        if (transport.peerClosed()) {
            // One behaviour for every backend: no TLS half-close. Unencrypted output is dropped
            // (RFC 5246 section 7.2.1) and our close_notify answers the peer's.
            transport.discardQueued();
            transport.closeOutbound();
        }
        decide(reason, writeFailure, !outputFailed());
    }

    // ---- the output side

    private void flush() {
        if (transport == null || outputFailed() || isClosed()) {
            return;
        }
        try {
            int written = transport.write(channel);
            if (written > 0) {
                touched();
                observed.wrote(written);
                // A handler at this Write sees isWritable() as the queue is now, not as the last send left it.
                writability.update(queuedBytes());
                if (transport.isEstablished()) {
                    fire(new Event.Write(written, queuedBytes()));
                }
            }
        } catch (TlsException e) {
            fail(e);
        } catch (FileRegions.FileEnded e) {
            // Not the peer's doing: what was promised (a Content-Length) cannot be sent.
            fail(failure("sending a file region failed", e));
        } catch (IOException e) {
            writeFailed(e);
        }
        updateInterest();
    }

    /**
     * The peer is gone for writing (EPIPE, reset): OPEN to BROKEN, FLUSHING to ABORTED. Queued
     * output is dropped, but the input goes on: the kernel may still hold a whole response (an early
     * 413 before the peer's reset), and only the input knows how the peer ended.
     */
    private void writeFailed(IOException e) {
        output = output == Output.FLUSHING ? Output.ABORTED : Output.BROKEN;
        writeFailure = failure("write failed", e);
        transport.discardQueued();
        loop.requestService();
    }

    private boolean outputFailed() {
        return output == Output.BROKEN || output == Output.ABORTED;
    }

    private void updateInterest() {
        if (isClosed()) {
            return;
        }
        if (transport == null) {
            setInterest(channel == null ? 0 : SelectionKey.OP_CONNECT);
            return;
        }
        int ops = 0;
        if ((input == Input.OPEN && !paused && state() == State.OPEN && transport.readBudget() > 0) || discarding()) {
            ops |= SelectionKey.OP_READ;
        }
        if (!outputFailed() && transport.hasWritableOutput()) {
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
        if (isClosing() || outputFailed() || (transport != null && transport.peerClosed())) {
            return false;
        }
        if (heldBytes() + data.remaining() > options.sendLimit()) {
            return false;
        }
        if (regions.isEmpty()) {
            queued.append(data);
        } else {
            regions.append(data);
        }
        queuedMore();
        return true;
    }

    /** A region after everything queued: sendfile when plain, encrypted a batch at a time over TLS. */
    @Override
    public boolean sendFile(FileChannel file, long position, long count) {
        loop.checkThread();
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("expected a position and count of 0 or more but was "
                    + position + " and " + count);
        }
        boolean taken = !isClosing() && !outputFailed() && (transport == null || !transport.peerClosed());
        if (!taken || count == 0) {
            loop.closeQuietly(file);
            return taken;
        }
        regions.add(file, position, count);
        queuedMore();
        return true;
    }

    private void queuedMore() {
        writability.update(queuedBytes());
        loop.requestService();
    }

    /** Queued heap bytes, what the send limit bounds: file regions hold none. */
    private long heldBytes() {
        return queued.size() + regions.bytesAfter() + (transport == null ? 0 : transport.pendingOutput());
    }

    @Override
    public long queuedBytes() {
        return queued.size() + regions.size() + (transport == null ? 0 : transport.pendingOutput());
    }

    @Override
    public boolean isWritable() {
        return !isClosing() && !outputFailed() && writability.isWritable();
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
        declined = 0;
        updateInterest();
        loop.requestService();
    }

    /**
     * OPEN to FLUSHING: what is queued goes out, then close_notify, then Close(LOCAL). With the
     * output already broken there is nothing to flush: a plain close.
     */
    @Override
    public void closeAfterFlush() {
        loop.checkThread();
        if (isClosing()) {
            return;
        }
        if (output == Output.BROKEN) {
            close();
            return;
        }
        output = Output.FLUSHING;
        if (transport != null) {
            transport.closeOutbound();
        }
        loop.requestService();
    }

    /** A flushed close that then drops the peer's input within the bounds (see {@link LingeringClose}). */
    @Override
    public void lingeringClose(Duration time, Duration timeout) {
        loop.checkThread();
        if (!isClosing() && output == Output.OPEN && !time.isZero()) {
            lingering = new LingeringClose(time, timeout);
        }
        closeAfterFlush();
    }

    @Override
    public boolean isClosing() {
        return super.isClosing() || output == Output.FLUSHING || output == Output.ABORTED;
    }

    @Override
    boolean isEstablished() {
        return transport != null && transport.isEstablished();
    }

    @Override
    void closed(CloseReason reason, Throwable cause) {
        observed.closed(reason, cause);
    }

    @Override
    void releaseResources() {
        if (transport != null) {
            transport.release();
        }
        received.release();
        queued.release();
        regions.release();
        loop.closeQuietly(channel);
    }
}
