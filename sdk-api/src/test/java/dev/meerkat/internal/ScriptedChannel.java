package dev.meerkat.internal;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * A socket without a network, for driving a {@link Transport} by hand: each read returns at most
 * the rest of the next scripted segment (so the script decides how the peer's bytes are cut), then
 * -1 once the script is done; each write takes at most {@code writeRoom} bytes and keeps them.
 */
final class ScriptedChannel extends SocketChannel {

    private final Deque<ByteBuffer> segments = new ArrayDeque<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final int writeRoom;
    private long bytesRead;

    ScriptedChannel(int writeRoom) {
        super(SelectorProvider.provider());
        this.writeRoom = writeRoom;
    }

    /** The next bytes the peer sends, as one segment; no bytes is no segment. */
    void send(byte[] segment) {
        if (segment.length > 0) {
            segments.add(ByteBuffer.wrap(segment));
        }
    }

    byte[] written() {
        return written.toByteArray();
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read(ByteBuffer dst) {
        ByteBuffer next = segments.peek();
        if (next == null) {
            return -1;
        }
        int count = Math.min(next.remaining(), dst.remaining());
        dst.put(next.slice(next.position(), count));
        next.position(next.position() + count);
        if (!next.hasRemaining()) {
            segments.poll();
        }
        bytesRead += count;
        return count;
    }

    @Override
    public int write(ByteBuffer src) {
        byte[] taken = new byte[Math.min(src.remaining(), writeRoom)];
        src.get(taken);
        written.writeBytes(taken);
        return taken.length;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        throw new UnsupportedOperationException("scatter reads are not scripted");
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new UnsupportedOperationException("gather writes are not scripted");
    }

    @Override
    public SocketChannel bind(SocketAddress local) {
        throw new UnsupportedOperationException("a scripted channel has no address");
    }

    @Override
    public <T> SocketChannel setOption(SocketOption<T> name, T value) {
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) {
        return null;
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public SocketChannel shutdownInput() {
        return this;
    }

    @Override
    public SocketChannel shutdownOutput() {
        return this;
    }

    @Override
    public Socket socket() {
        throw new UnsupportedOperationException("a scripted channel has no socket");
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean isConnectionPending() {
        return false;
    }

    @Override
    public boolean connect(SocketAddress remote) {
        return true;
    }

    @Override
    public boolean finishConnect() {
        return true;
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public SocketAddress getLocalAddress() {
        return null;
    }

    @Override
    protected void implCloseSelectableChannel() {
    }

    @Override
    protected void implConfigureBlocking(boolean block) {
    }
}
