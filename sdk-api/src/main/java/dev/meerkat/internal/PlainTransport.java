package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Plain TCP: socket bytes are the plaintext; reads land in the received queue directly. */
final class PlainTransport implements Transport {
    private final ByteQueue received;
    private final ByteQueue queued;
    private final int receiveLimit;

    PlainTransport(ByteQueue received, ByteQueue queued, int receiveLimit) {
        this.received = received;
        this.queued = queued;
        this.receiveLimit = receiveLimit;
    }

    @Override
    public int readBudget() {
        return Math.max(0, receiveLimit - received.size());
    }

    @Override
    public int read(SocketChannel channel, int budget, ByteBuffer scratch) throws IOException {
        return received.readFrom(channel, budget, scratch);
    }

    @Override
    public boolean decode() {
        return false;
    }

    @Override
    public int write(SocketChannel channel) throws IOException {
        return queued.writeTo(channel);
    }

    @Override
    public boolean hasWritableOutput() {
        return !queued.isEmpty();
    }

    @Override
    public int pendingOutput() {
        return 0;
    }

    @Override
    public boolean outputDone() {
        return queued.isEmpty();
    }

    @Override
    public boolean isEstablished() {
        return true;
    }

    @Override
    public boolean peerClosed() {
        return false;
    }

    @Override
    public void closeOutbound() {
        // Plain TCP has no close message: closing the socket after the flush is the whole close.
    }

    @Override
    public void discardQueued() {
        queued.release();
    }

    @Override
    public CloseReason classifyEnd() {
        return CloseReason.CLEAN;
    }

    @Override
    public void release() {
        received.release();
        queued.release();
    }
}
