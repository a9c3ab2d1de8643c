package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.Timer;
import java.time.Duration;

/**
 * The deadlines of one server connection ({@link HttpServerOptions}: head, body, send, keep-alive)
 * on one connection timer. Progress only moves a deadline later, so it costs a field write: the
 * timer is re-armed when it fires early, and only a phase change that brings the deadline nearer
 * replaces it. Loop thread only.
 *
 * <p>A body has a second deadline when {@link HttpServerOptions#minBodyRate()} is set: the moment its
 * bytes so far, at that rate, would have taken less than the time it has spent in {@link Phase#BODY}
 * (never before the grace period). Time in other phases (a reply the client does not take) is not
 * counted, as in Kestrel.
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
    /** The current body's bytes, its time in BODY before the current stay, and when that stay began. */
    private long bodyBytes;
    private long bodyNanosBefore;
    private long bodyEntered;

    /** Starts in {@link Phase#NONE}, unarmed: {@link #arm} starts the first phase. */
    ServerDeadlines(Connection connection, HttpServerOptions options) {
        this.connection = connection;
        this.options = options;
    }

    /** Body bytes arrived or the client took response bytes: the current phase starts over. */
    void progressed() {
        since = System.nanoTime();
    }

    /** A request body begins: its rate is measured from here. */
    void bodyStarted() {
        bodyBytes = 0;
        bodyNanosBefore = 0;
        bodyEntered = System.nanoTime();
    }

    /** {@code bytes} of the body arrived: the pause starts over and they count toward the rate. */
    void bodyArrived(int bytes) {
        progressed();
        bodyBytes += bytes;
    }

    /** True when the current body came slower than the minimum rate past its grace period. */
    boolean bodyTooSlow() {
        return current == Phase.BODY && System.nanoTime() >= rateDeadline();
    }

    /** What the body's rate was, for the 408's message. */
    String bodyRateShortfall() {
        long millis = (bodyNanos() / 1_000_000);
        return "expected the request body at " + options.minBodyRate() + " bytes/s or more but " + bodyBytes
                + " bytes came in " + millis + " ms";
    }

    /** True when {@code tag} is this connection's deadline timer. */
    boolean isMine(Object tag) {
        return tag == this;
    }

    /** The connection is in {@code phase}: a new phase starts its clock; arms the timer for its deadline. */
    void arm(Phase phase) {
        if (phase != current) {
            long now = System.nanoTime();
            if (current == Phase.BODY) {
                bodyNanosBefore += now - bodyEntered;
            } else if (phase == Phase.BODY) {
                bodyEntered = now;
            }
            current = phase;
            since = now;
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
        long pause = timeout.isZero() ? Long.MAX_VALUE : since + timeout.toNanos();
        return current == Phase.BODY ? Math.min(pause, rateDeadline()) : pause;
    }

    /** When the body in BODY falls under the minimum rate, or never. */
    private long rateDeadline() {
        long rate = options.minBodyRate();
        if (rate == 0) {
            return Long.MAX_VALUE;
        }
        double due = Math.max(options.minBodyRateGrace().toNanos(), bodyBytes * 1e9 / rate);
        return bodyEntered - bodyNanosBefore + (long) Math.min(due, Long.MAX_VALUE / 2.0);
    }

    /** The body's time in BODY so far. */
    private long bodyNanos() {
        return bodyNanosBefore + (current == Phase.BODY ? System.nanoTime() - bodyEntered : 0);
    }
}
