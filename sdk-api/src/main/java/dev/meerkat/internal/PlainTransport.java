package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Plain TCP: socket bytes are the plaintext; reads land in the received queue directly. */
final class PlainTransport implements Transport {
    private final ByteQueue received;
    private final ByteQueue queued;
    private final BufferAccount account;
    private final int receiveLimit;

    PlainTransport(ByteQueue received, ByteQueue queued, BufferAccount account, int receiveLimit) {
        this.received = received;
        this.queued = queued;
        this.account = account;
        this.receiveLimit = receiveLimit;
    }

    /** Reading waits while the received bytes reach the receive limit or the shared memory budget is exhausted. */
    @Override
    public int readBudget() {
        return account.mayRead() ? Math.max(0, receiveLimit - received.size()) : 0;
    }

    @Override
    public int read(SocketChannel channel, int budget) throws IOException {
        return received.readFrom(channel, budget);
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
