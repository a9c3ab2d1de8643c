package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Timer;
import java.time.Duration;

/**
 * The deadlines of one server connection ({@link HttpServerOptions}: head, body, send, keep-alive)
 * on one connection timer. Progress only moves a deadline later, so it costs a field write: the
 * timer is re-armed when it fires early, and only a phase change that brings the deadline nearer
 * replaces it. Loop thread only.
 */
final class ServerDeadlines {

    /** What the connection waits for; each phase has its own timeout. */
    enum Phase {
        /** The rest of a request head. */
        HEAD,
        /** More of a request body. */
        BODY,
        /** The client to take queued response bytes. */
        SEND,
        /** The next request after a response went out. */
        KEEP_ALIVE,
        /** The TLS handshake, the handler, or the close: no deadline here. */
        NONE
    }

    private final Connection connection;
    private final HttpServerOptions options;
    private Phase current = Phase.NONE;
    /** When the current phase began or last made progress. */
    private long since;
    private Timer timer;
    private long firesAt = Long.MAX_VALUE;

    /** Starts in {@link Phase#NONE}, unarmed: {@link #arm} starts the first phase. */
    ServerDeadlines(Connection connection, HttpServerOptions options) {
        this.connection = connection;
        this.options = options;
    }

    /** Body bytes arrived or the client took response bytes: the current phase starts over. */
    void progressed() {
        since = System.nanoTime();
    }

    /** True when {@code tag} is this connection's deadline timer. */
    boolean isMine(Object tag) {
        return tag == this;
    }

    /** The connection is in {@code phase}: a new phase starts its clock; arms the timer for its deadline. */
    void arm(Phase phase) {
        if (phase != current) {
            current = phase;
            since = System.nanoTime();
        }
        long deadline = deadline();
        if (deadline >= firesAt) {
            return;
        }
        cancel();
        firesAt = deadline;
        timer = connection.timer(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), null, this);
    }

    /** The timer fired while in {@code phase}: true when its deadline passed, else the timer is armed again. */
    boolean expired(Phase phase) {
        timer = null;
        firesAt = Long.MAX_VALUE;
        if (phase == current && System.nanoTime() >= deadline()) {
            return true;
        }
        arm(phase);
        return false;
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        firesAt = Long.MAX_VALUE;
    }

    /** How long {@code phase} may last, for messages. */
    Duration timeout(Phase phase) {
        return switch (phase) {
            case HEAD -> options.headTimeout();
            case BODY -> options.bodyTimeout();
            case SEND -> options.sendTimeout();
            case KEEP_ALIVE -> options.keepAliveTimeout();
            case NONE -> Duration.ZERO;
        };
    }

    private long deadline() {
        Duration timeout = timeout(current);
        return timeout.isZero() ? Long.MAX_VALUE : since + timeout.toNanos();
    }
}
