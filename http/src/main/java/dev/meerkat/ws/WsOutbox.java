package dev.meerkat.ws;

import dev.meerkat.Connection;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A WebSocket's output: the protocol's rules, with the connection doing the backpressure (its write
 * watermarks, see {@link Connection#isWritable()}). A data message goes to {@link Connection#send}
 * whole or not at all, so a refused send can be retried; one larger than the send limit (which the
 * connection could never take at once) is accepted when nothing waits, and goes out in pieces while
 * the connection is writable. Control frames are never refused: they wait behind a partly sent
 * message, since no frame may be cut into.
 */
final class WsOutbox {

    /** The pieces a message larger than the send limit is cut into. */
    private static final int PIECE = 64 * 1024;

    private final Connection connection;
    private final Deque<ByteBuffer> waiting = new ArrayDeque<>();
    private boolean closeWhenDrained;

    WsOutbox(Connection connection) {
        this.connection = connection;
    }

    /** A data message's frames: false when the connection cannot take them now. */
    boolean offer(ByteBuffer frames) {
        if (!waiting.isEmpty() || connection.isClosing()) {
            return false;
        }
        if (frames.remaining() <= connection.options().sendLimit()) {
            return connection.send(frames);
        }
        waiting.add(frames);
        pump();
        return true;
    }

    /**
     * A control frame. A pong not yet begun is replaced by a newer one: answering only the latest
     * ping is allowed (RFC 6455 §5.5.3) and keeps a ping flood from growing this queue.
     */
    void control(ByteBuffer frame) {
        if (waiting.isEmpty() && connection.send(frame.duplicate())) {
            return;
        }
        ByteBuffer last = waiting.peekLast();
        if (isPong(frame) && last != null && last.position() == 0 && isPong(last)) {
            waiting.pollLast();
        }
        waiting.add(frame);
    }

    /** Closes the connection, after flushing, once everything waiting was sent. */
    void closeWhenDrained() {
        closeWhenDrained = true;
        pump();
    }

    /** Hands the connection pieces of what waits while it is writable; called at each Write and Writability. */
    void pump() {
        while (!waiting.isEmpty() && connection.isWritable() && sendPiece(waiting.peek())) {
            if (!waiting.peek().hasRemaining()) {
                waiting.poll();
            }
        }
        if (closeWhenDrained && waiting.isEmpty() && !connection.isClosing()) {
            connection.closeAfterFlush();
        }
    }

    /** True when a message sent now goes to the connection, which is below its high watermark. */
    boolean isWritable() {
        return waiting.isEmpty() && connection.isWritable();
    }

    /** Bytes waiting here and in the connection's queue. */
    long queuedBytes() {
        return waiting.stream().mapToLong(ByteBuffer::remaining).sum() + connection.queuedBytes();
    }

    /** Hands the connection the next piece of {@code head}; false when it refused (over its send limit). */
    private boolean sendPiece(ByteBuffer head) {
        ByteBuffer piece = head.slice();
        piece.limit(Math.min(piece.remaining(), Math.min(PIECE, connection.options().sendLimit())));
        int size = piece.remaining();
        if (!connection.send(piece)) {
            return false;
        }
        head.position(head.position() + size);
        return true;
    }

    private static boolean isPong(ByteBuffer frame) {
        return (frame.get(0) & 0xF) == Opcode.PONG;
    }
}
