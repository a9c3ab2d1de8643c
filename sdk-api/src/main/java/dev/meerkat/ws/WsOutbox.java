package dev.meerkat.ws;

import dev.meerkat.Connection;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A WebSocket's output. A data message goes to {@link Connection#send} whole or not at all, so a
 * refused send can be retried; one larger than the connection's send limit (which could never be
 * taken at once) is accepted when nothing waits and goes out in pieces as the queue drains. Control
 * frames are never refused: they wait behind a partly sent message, since no frame may be cut into.
 */
final class WsOutbox {

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

    /** Hands the connection what it takes now; called at each Write. */
    void pump() {
        int limit = connection.options().sendLimit();
        while (!waiting.isEmpty() && !connection.isClosing()) {
            ByteBuffer head = waiting.peek();
            long room = limit - connection.queuedBytes();
            if (room <= 0) {
                break;
            }
            ByteBuffer piece = head.slice();
            piece.limit((int) Math.min(room, piece.remaining()));
            int size = piece.remaining();
            if (!connection.send(piece)) {
                break;
            }
            head.position(head.position() + size);
            if (!head.hasRemaining()) {
                waiting.poll();
            }
        }
        if (closeWhenDrained && waiting.isEmpty() && !connection.isClosing()) {
            connection.closeAfterFlush();
        }
    }

    /** Bytes waiting here and in the connection's queue. */
    long queuedBytes() {
        return waiting.stream().mapToLong(ByteBuffer::remaining).sum() + connection.queuedBytes();
    }

    private static boolean isPong(ByteBuffer frame) {
        return (frame.get(0) & 0xF) == Opcode.PONG;
    }
}
