package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.ConnectionClosedException;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/**
 * The two sides of {@link dev.meerkat.BlockingConnection}. As the connection's handler it runs on
 * the loop thread, where all socket and TLS work stays: it copies each Read into {@link Inbound}
 * (pausing the connection when that is full) and sends from {@link Outbound} while the connection
 * is writable. The blocking side only waits on those two and queues small tasks on the loop.
 */
public final class BlockingBridge implements Handler {
    private final Manager manager;
    private final Inbound inbound;
    private final Outbound outbound;
    private volatile Connection connection;
    private volatile CloseReason reason;
    private volatile Throwable cause;
    private volatile boolean closedLocally;
    private boolean closeWhenSent;

    public BlockingBridge(Manager manager, Options options, int readBuffer) {
        this.manager = manager;
        this.inbound = new Inbound(readBuffer);
        this.outbound = new Outbound((int) Math.max(1, Math.min(options.writeHighWatermark(), options.sendLimit())));
    }

    // ---- the loop thread

    @Override
    public void handle(Connection c, Event event) {
        connection = c;
        if (event instanceof Event.Read read && inbound.offer(read.data())) {
            c.pauseReading();
        } else if (event instanceof Event.Write || event instanceof Event.Writability
                || event instanceof Event.TlsHandshake || event instanceof Event.Connect) {
            pump(c);
        } else if (event instanceof Event.Close close) {
            cause = close.cause();
            reason = close.reason();
            // The writer's side first: once a reader saw the end, a write must see it too.
            outbound.end();
            inbound.end();
        }
    }

    private void pump(Connection c) {
        if (outbound.pump(c) && closeWhenSent) {
            c.closeAfterFlush();
        }
    }

    // ---- the blocking side

    public Connection connection() {
        return connection;
    }

    /** The reason once the connection closed, else null. */
    public CloseReason closeReason() {
        return reason;
    }

    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        checkOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        int count = inbound.take(dst, timeout);
        if (inbound.takeResume()) {
            manager.execute(() -> connection.resumeReading());
        }
        if (count < 0 && reason != CloseReason.CLEAN) {
            throw ended("read " + inbound.taken() + " bytes");
        }
        return count;
    }

    public int write(ByteBuffer src, Duration timeout) throws IOException {
        checkOpen();
        if (reason != null) {
            throw ended("could not write");
        }
        int total = 0;
        boolean[] needsPump = {false};
        while (src.hasRemaining()) {
            int count = outbound.put(src, timeout, needsPump);
            if (count < 0) {
                throw ended("could not write");
            }
            if (needsPump[0]) {
                manager.execute(() -> pump(connection));
            }
            total += count;
        }
        return total;
    }

    /** Waits until the loop took every written byte into the connection's send queue. */
    public void flush(Duration timeout) throws IOException {
        checkOpen();
        if (!outbound.awaitEmpty(timeout)) {
            throw ended("could not flush");
        }
    }

    public boolean isOpen() {
        return !closedLocally && reason == null;
    }

    /** Does not block: the loop sends what was written, then close_notify (TLS), then closes. */
    public void close() {
        if (closedLocally) {
            return;
        }
        closedLocally = true;
        inbound.closeLocally();
        outbound.closeLocally();
        manager.execute(() -> {
            closeWhenSent = true;
            pump(connection);
        });
    }

    private void checkOpen() throws ClosedChannelException {
        if (closedLocally) {
            throw new ClosedChannelException();
        }
    }

    /** Names the connection, how it ended and how far this side got. */
    private ConnectionClosedException ended(String progress) {
        CloseReason how = reason;
        String message = connection + " closed with " + how + (how.isTruncation() ? " (data may be missing)" : "")
                + "; " + progress + (cause == null ? "" : ": " + cause.getMessage());
        return new ConnectionClosedException(how, message, cause);
    }
}
