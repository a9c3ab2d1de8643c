package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Plain TCP: socket bytes are the plaintext; reads land in the received queue directly, and the
 * queued bytes go out before the file regions (which carry the bytes sent after them).
 */
final class PlainTransport implements Transport {
    /** What a connection holding no bytes may read while the memory budget is exhausted. */
    private static final int EXHAUSTED_READ = 16 * 1024;

    private final ByteQueue received;
    private final ByteQueue queued;
    private final FileRegions regions;
    private final BufferAccount account;
    private final int receiveLimit;

    PlainTransport(ByteQueue received, ByteQueue queued, FileRegions regions, BufferAccount account, int receiveLimit) {
        this.received = received;
        this.queued = queued;
        this.regions = regions;
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
        int written = queued.writeTo(channel);
        if (queued.isEmpty() && !regions.isEmpty()) {
            // Bounded by the socket's free buffer (each transferTo by FileRegions.MAX_TRANSFER).
            written = Math.toIntExact(written + regions.writeTo(channel));
        }
        return written;
    }

    @Override
    public boolean hasWritableOutput() {
        return !queued.isEmpty() || !regions.isEmpty();
    }

    @Override
    public int pendingOutput() {
        return 0;
    }

    @Override
    public boolean outputDone() {
        return queued.isEmpty() && regions.isEmpty();
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
        regions.release();
    }

    @Override
    public CloseReason classifyEnd() {
        return CloseReason.CLEAN;
    }

    @Override
    public void release() {
        received.release();
        queued.release();
        regions.release();
    }
}
