package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.Timer;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every connection kind shares: identity, handler, events, timers, timeouts and the one-way
 * walk to its single Close event. {@link Connection} delegates here; subclasses own the socket.
 *
 * <p>The walk is {@link State} (docs/ARCHITECTURE.md, "The lifecycle"), each step one guarded
 * method: {@link #requestClose} (the user's close), {@link #decide} (the reason, once; ERROR
 * overrides), {@link #finish} (run by the loop: releases everything and fires Close last). Closing
 * never happens inside a handler call.
 */
public abstract class Conn {
    private static final System.Logger LOG = System.getLogger(Conn.class.getName());

    final Loop loop;
    final Options options;
    private final long id;
    private final Connection facade;
    private final boolean client;
    private final long openedNanos;
    private Handler handler;
    private Object attachment;
    private List<Timer> timers;
    SelectionKey key;
    InetSocketAddress localAddress;
    InetSocketAddress remoteAddress;
    long lastActivityNanos;

    /** Where a connection is on its one-way walk to Close. */
    enum State {
        /** Carrying data. */
        OPEN,
        /** The user called close(): bytes already read are offered, then Close(LOCAL). */
        DRAINING,
        /**
         * The reason is decided; our last bytes (close_notify, an alert) go out, then Close; after a
         * lingering close, the peer's input is then dropped until it ends.
         */
        LINGERING,
        /** The reason is decided; the loop finishes at its next service. */
        CLOSING,
        /** Close fired; nothing happens any more. */
        CLOSED
    }

    /**
     * How long our last bytes may take once the reason is decided: a peer that sent close_notify but
     * no longer reads would otherwise hold the Close until the idle timeout (Netty waits 3 s too).
     */
    static final Duration LINGER = Duration.ofSeconds(3);

    private State state = State.OPEN;
    private long lingerDeadlineNanos;
    private CloseReason closeReason;
    private Throwable closeCause;
    /** In its loop's connection list: a connect lists it before it registers, so register must not list it twice. */
    boolean listed;

    Conn(Loop loop, Options options, Handler handler, boolean client) {
        this.loop = loop;
        this.options = Objects.requireNonNull(options, "options");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.client = client;
        this.id = loop.nextId();
        this.facade = loop.facadeFor(this);
        this.openedNanos = System.nanoTime();
        this.lastActivityNanos = openedNanos;
    }

    // ---- what the loop calls

    /** The selector reported {@code readyOps} for this connection's key. */
    abstract void onReady(int readyOps);

    /** Once per poll: moves pending bytes, and finishes the close when its conditions hold. */
    abstract void service();

    /** Releases sockets, buffers and engines; called once by {@link #finish}. */
    abstract void releaseResources();

    /** True once the connection is ready for application data (TCP connected, TLS handshaken). */
    abstract boolean isEstablished();

    boolean hasTimeouts() {
        return true;
    }

    /** Called by Manager.close(): drains what was read, then closes now with LOCAL. */
    void closeNow() {
        requestClose();
        service();
        finish();
    }

    final State state() {
        return state;
    }

    final boolean isClosed() {
        return state == State.CLOSED;
    }

    // ---- the public API, through Connection

    public long id() { return id; }

    public Manager manager() { return loop.manager(); }

    public InetSocketAddress localAddress() { return localAddress; }

    public InetSocketAddress remoteAddress() { return remoteAddress; }

    public boolean isListener() { return false; }

    public boolean isUdp() { return false; }

    public boolean isClient() { return client; }

    public boolean isTls() { return false; }

    public TlsSession tlsSession() { return null; }

    public void startTls(String host, TlsContext context) {
        throw new IllegalStateException("startTls needs a TCP client connection but " + this + " is not one");
    }

    public Options options() { return options; }

    public Object attachment() { return attachment; }

    public void attach(Object attachment) { this.attachment = attachment; }

    final Handler currentHandler() { return handler; }

    final Connection facade() { return facade; }

    public void handler(Handler replacement) { this.handler = Objects.requireNonNull(replacement, "handler"); }

    public boolean send(ByteBuffer data) { return false; }

    public boolean sendFile(FileChannel file, long position, long count) {
        throw new IllegalStateException("sendFile needs a TCP connection but " + this + " is not one");
    }

    public boolean sendTo(InetSocketAddress target, ByteBuffer data) {
        throw new IllegalStateException("sendTo needs a UDP connection but " + this + " is TCP");
    }

    public long queuedBytes() { return 0; }

    public boolean isWritable() { return false; }

    public void pauseReading() { }

    public void resumeReading() { }

    public Timer timer(Duration delay, Duration period, Object tag) {
        loop.checkThread();
        if (isClosed()) {
            return () -> { };
        }
        if (timers == null) {
            timers = new ArrayList<>(2);
        }
        timers.removeIf(t -> ((Timers.Entry) t).isCancelled());
        Timer timer = loop.schedule(delay, period, () -> fire(new Event.Timer(tag)));
        timers.add(timer);
        return timer;
    }

    public void close() {
        loop.checkThread();
        requestClose();
        loop.requestService();
    }

    /** OPEN to DRAINING; a lingering close stops waiting for its last bytes. */
    final void requestClose() {
        if (state == State.OPEN) {
            state = State.DRAINING;
        } else if (state == State.LINGERING) {
            state = State.CLOSING;
        }
    }

    public void closeAfterFlush() {
        close();
    }

    /** A lingering close where the connection has a stream to drain; else a flushed close. */
    public void lingeringClose(Duration time, Duration timeout) {
        closeAfterFlush();
    }

    public boolean isClosing() {
        return isAbandoned();
    }

    /** True when the connection will never carry data: closed, or its close decided or asked for. */
    final boolean isAbandoned() {
        return state != State.OPEN;
    }

    // ---- events

    /** Delivers {@code event} unless the connection closed or failed. */
    final void fire(Event event) {
        if (state != State.CLOSED && closeReason != CloseReason.ERROR) {
            dispatch(event);
        }
    }

    /**
     * A handler's failure, Errors included, fails its connection only; a StackOverflowError too.
     * Other VirtualMachineErrors leave the loop unusable and go up to it ({@link Failures}).
     */
    private void dispatch(Event event) {
        try {
            handler.handle(facade, event);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            if (event instanceof Event.Error || event instanceof Event.Close) {
                LOG.log(Level.WARNING, () -> this + ": handler failed on " + event, e);
            } else {
                fail(e);
            }
        }
    }

    /** Fires Error and decides Close(ERROR, cause); the loop finishes the close. */
    final void fail(Throwable cause) {
        if (state == State.CLOSED || closeReason == CloseReason.ERROR) {
            return;
        }
        LOG.log(Level.DEBUG, () -> this + ": failed: " + cause);
        decide(CloseReason.ERROR, cause, false);
        dispatch(new Event.Error(cause));
        loop.requestService();
    }

    /**
     * Something below the handler threw (an engine, a provider, a JDK channel): that connection
     * fails and closes now, the loop and every other connection go on.
     */
    final void failedInternally(Throwable e) {
        LOG.log(Level.WARNING, () -> this + ": internal failure", e);
        fail(e);
        finish();
    }

    /**
     * Records why the connection closes: OPEN or DRAINING to LINGERING (when {@code linger}: our
     * last bytes go out first) or CLOSING. ERROR overrides an earlier decision and never lingers.
     */
    final void decide(CloseReason reason, Throwable cause, boolean linger) {
        boolean undecided = state == State.OPEN || state == State.DRAINING;
        boolean overrides = reason == CloseReason.ERROR && state != State.CLOSED && closeReason != CloseReason.ERROR;
        if (undecided || overrides) {
            closeReason = reason;
            closeCause = cause;
            state = linger && reason != CloseReason.ERROR ? State.LINGERING : State.CLOSING;
            lingerDeadlineNanos = System.nanoTime() + LINGER.toNanos();
            loop.requestService();
        }
    }

    /** A lingering connection waits until {@code deadline} instead (a stream dropping the peer's input). */
    final void lingerUntil(long deadline) {
        lingerDeadlineNanos = deadline;
    }

    final boolean isDecided() {
        return state == State.LINGERING || state == State.CLOSING;
    }

    /** Releases everything and fires the one Close event: any state but CLOSED to CLOSED. */
    final void finish() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        CloseReason reason = closeReason == null ? CloseReason.LOCAL : closeReason;
        if (timers != null) {
            timers.forEach(Timer::cancel);
            timers = null;
        }
        if (key != null) {
            key.cancel();
        }
        try {
            releaseResources();
        } catch (RuntimeException e) {
            // The Close event is still owed: a failing engine.close() must not swallow it.
            LOG.log(Level.WARNING, () -> this + ": releasing resources failed", e);
        }
        LOG.log(Level.DEBUG, () -> this + ": closed " + reason);
        dispatch(new Event.Close(reason, closeCause));
        closed(reason, closeCause);
    }

    /** After the Close event: a TCP connection tells its manager's observer. */
    void closed(CloseReason reason, Throwable cause) {
    }

    // ---- timeouts

    /** The earliest System.nanoTime() at which a timeout fires, or Long.MAX_VALUE. */
    final long deadlineNanos() {
        if (state == State.CLOSED || !hasTimeouts()) {
            return Long.MAX_VALUE;
        }
        long deadline = state == State.LINGERING ? lingerDeadlineNanos : Long.MAX_VALUE;
        if (!options.idleTimeout().isZero()) {
            deadline = Math.min(deadline, lastActivityNanos + options.idleTimeout().toNanos());
        }
        if (!isEstablished() && !options.handshakeTimeout().isZero()) {
            deadline = Math.min(deadline, openedNanos + options.handshakeTimeout().toNanos());
        }
        return deadline;
    }

    final void checkTimeouts(long nowNanos) {
        if (state == State.CLOSED || !hasTimeouts() || nowNanos < deadlineNanos()) {
            return;
        }
        if (state == State.LINGERING && nowNanos >= lingerDeadlineNanos) {
            // The reason stands; only our courtesy bytes (close_notify) are given up.
            LOG.log(Level.DEBUG, () -> this + ": lingering ended unfinished: last bytes unsent or input still coming");
            finish();
            return;
        }
        Duration handshake = options.handshakeTimeout();
        if (!isEstablished() && !handshake.isZero() && nowNanos - openedNanos >= handshake.toNanos()) {
            fail(new SocketTimeoutException(this + ": connect and handshake took "
                    + millis(nowNanos - openedNanos) + " ms, limit " + handshake.toMillis() + " ms"));
        } else {
            fail(new SocketTimeoutException(this + ": idle for " + millis(nowNanos - lastActivityNanos)
                    + " ms, limit " + options.idleTimeout().toMillis() + " ms"));
        }
    }

    final void touched() {
        lastActivityNanos = System.nanoTime();
    }

    final void setInterest(int ops) {
        if (key != null && key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** An IOException naming this connection and its peer, with the cause chained. */
    final IOException failure(String what, Throwable cause) {
        return new IOException(this + ": " + what + ": " + cause.getMessage(), cause);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    @Override
    public String toString() {
        return "connection " + id + (remoteAddress == null ? "" : " to " + remoteAddress);
    }
}
