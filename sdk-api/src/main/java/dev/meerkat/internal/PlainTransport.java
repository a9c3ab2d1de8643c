package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Plain TCP: socket bytes are the plaintext; reads land in the received queue directly. */
final class PlainTransport implements Transport {
    /** What a connection holding no bytes may read while the memory budget is exhausted. */
    private static final int EXHAUSTED_READ = 16 * 1024;

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

    /** Reading waits at the receive limit, and while the shared memory budget is exhausted (see {@link BufferAccount}). */
    @Override
    public int readBudget() {
        int room = Math.max(0, receiveLimit - received.size());
        return account.readAllowance(room, !received.isEmpty() || !queued.isEmpty(), EXHAUSTED_READ);
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
