package dev.meerkat.http;

import dev.meerkat.Connection;
import dev.meerkat.MemoryBudget;
import dev.meerkat.http.internal.HttpDates;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * A connection's output in order: bytes and file regions, handed to {@link Connection#send} in
 * pieces while the connection is writable (the core's write watermarks, {@link Connection#isWritable}),
 * the rest when it is writable again. This is what lets a response be larger than the connection's
 * send limit. Bytes held here count against the manager's {@link MemoryBudget} until the connection
 * takes them; file regions are read as sent, or handed whole to {@link Connection#sendFile} when
 * their turn comes.
 */
final class Outbox {

    private static final int PIECE = 64 * 1024;
    /** Room for a cached file's whole response: its body ({@link CachedFile#MAX_CONTENT}) and its head. */
    private static final int STAGING_SIZE = CachedFile.MAX_CONTENT + 4 * 1024;
    /**
     * One per loop thread: {@link Connection#send} copies what it takes, so the buffer is free again
     * as soon as it returns, and no connection holds one while idle.
     */
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocate(STAGING_SIZE));
    private static final byte[] CRLF = {'\r', '\n'};

    /** A source of output, read piece by piece. */
    private interface Source {
        /** The next piece, or null when exhausted. */
        ByteBuffer next(int max) throws IOException;

        default void release() {
        }
    }

    private final Connection connection;
    /**
     * What waits, in order; null while nothing does, which is most of a keep-alive connection's life:
     * an idle connection holds no deque (docs/server-benchmarks.md, memory section).
     */
    private @Nullable Deque<Source> sources;
    private ByteBuffer refused;
    private boolean closeWhenDrained;
    /** With {@link #closeWhenDrained}: a lingering close's bounds, else null (a flushed close). */
    private Duration lingeringTime;
    private Duration lingeringTimeout;
    /** Bytes added and not yet taken by the connection. */
    private long pending;
    private Runnable onWritable;

    Outbox(Connection connection) {
        this.connection = connection;
    }

    void add(ByteBuffer bytes) {
        MemoryRegion region = new MemoryRegion(bytes.duplicate(), connection.manager().memoryBudget());
        pending += region.bytes.remaining();
        queue(region);
        pump();
    }

    void add(byte[] bytes) {
        ByteBuffer wrapped = ByteBuffer.wrap(bytes);
        if (!sentNow(wrapped)) {
            add(wrapped);
        }
    }

    /**
     * Queues a response: {@code head} (status line and fields), the Date field, {@code connectionField}
     * (possibly empty), the empty line and {@code body}. They are written into this thread's staging
     * buffer and handed to the connection, which copies them, so nothing is allocated; only when
     * output already waits here, or the connection refuses them, do they get a region of their own.
     * A response larger than the staging buffer is written once into an array of its own, which is
     * queued as it is.
     */
    void addResponse(byte[] head, byte[] connectionField, byte[] body) {
        byte[] date = HttpDates.nowField();
        int length = head.length + date.length + connectionField.length + CRLF.length + body.length;
        if (length > STAGING_SIZE) {
            ByteBuffer whole = ByteBuffer.allocate(length);
            add(whole.put(head).put(date).put(connectionField).put(CRLF).put(body).array());
            return;
        }
        ByteBuffer staged = STAGING.get().clear();
        staged.put(head).put(date).put(connectionField).put(CRLF).put(body).flip();
        if (sentNow(staged)) {
            return;
        }
        byte[] copy = new byte[staged.remaining()];
        staged.get(copy);
        add(copy);
    }

    /**
     * Sends {@code length} bytes of {@code file} from {@code offset}; closes the file when done or
     * dropped. {@code zeroCopy}: the connection sends the region itself ({@link Connection#sendFile}),
     * else it is read here piece by piece.
     */
    void addFile(FileChannel file, long offset, long length, boolean zeroCopy) {
        queue(zeroCopy ? new SentFile(file, offset, length) : new FileRegion(file, offset, length));
        pending += length;
        pump();
    }

    /**
     * Hands {@code bytes} to the connection at once, as {@link #pump} would as its next piece, when
     * nothing waits here: then no region is made for them. False when they must be queued.
     */
    private boolean sentNow(ByteBuffer bytes) {
        if (isEmpty() && bytes.remaining() <= PIECE && connection.isWritable() && connection.send(bytes)) {
            notifyWritable();
            return true;
        }
        return false;
    }

    /** Closes the connection (after flushing) once everything queued was sent. */
    void closeWhenDrained() {
        closeWhenDrained = true;
        pump();
    }

    /**
     * Closes once everything queued was sent, then drops what the peer still sends for at most
     * {@code time}, and {@code timeout} without a byte ({@link Connection#lingeringClose}).
     */
    void lingerWhenDrained(Duration time, Duration timeout) {
        lingeringTime = time;
        lingeringTimeout = timeout;
        closeWhenDrained();
    }

    boolean isEmpty() {
        return refused == null && sources == null;
    }

    /** Bytes waiting here and in the connection's send queue. */
    long queuedBytes() {
        return pending + connection.queuedBytes();
    }

    /** True when nothing waits here and the connection is writable: a streaming reply may add more. */
    boolean isWritable() {
        return isEmpty() && connection.isWritable();
    }

    /** Runs {@code callback} once, as soon as {@link #isWritable()} (at once when it already is). */
    void onWritable(Runnable callback) {
        onWritable = callback;
        notifyWritable();
    }

    /**
     * Sends pieces while the connection is writable and holds less than one piece; called at each
     * Write and Writability event. A piece only tops the connection's queue up to {@link #PIECE}, so
     * the queue stays within one pooled 64 KiB buffer: under the write watermark a second whole piece
     * grew it to a fresh 128 KiB array each time it drained (docs/server-benchmarks.md, bulk).
     */
    void pump() {
        int limit = Math.min(PIECE, connection.options().sendLimit());
        try {
            while (connection.isWritable()) {
                if (refused == null && sources != null && sources.peek() instanceof SentFile region) {
                    // Queued in order after the pieces already sent; false only when closing, which drops it anyway.
                    takeFirst();
                    pending -= region.length;
                    connection.sendFile(region.file, region.offset, region.length);
                    continue;
                }
                int max = (int) Math.max(0, limit - connection.queuedBytes());
                ByteBuffer piece = refused != null ? refused : max == 0 ? null : nextPiece(max);
                if (piece == null) {
                    break;
                }
                int size = piece.remaining();
                if (!connection.send(piece)) {
                    refused = piece;
                    notifyWritable();
                    return;
                }
                pending -= size;
                refused = null;
            }
        } catch (IOException e) {
            connection.close();
            return;
        }
        if (closeWhenDrained && isEmpty() && !connection.isClosing()) {
            if (lingeringTime != null) {
                connection.lingeringClose(lingeringTime, lingeringTimeout);
            } else {
                connection.closeAfterFlush();
            }
        }
        notifyWritable();
    }

    private void notifyWritable() {
        Runnable callback = onWritable;
        if (callback != null && isWritable()) {
            onWritable = null;
            callback.run();
        }
    }

    /** The connection closed: files are closed, queued output dropped. */
    void release() {
        if (sources != null) {
            sources.forEach(Source::release);
            sources = null;
        }
        refused = null;
        pending = 0;
        onWritable = null;
    }

    private void queue(Source source) {
        if (sources == null) {
            sources = new ArrayDeque<>(4);
        }
        sources.add(source);
    }

    /** The next piece of the first source, dropping each exhausted one. */
    private @Nullable ByteBuffer nextPiece(int max) throws IOException {
        while (sources != null) {
            ByteBuffer piece = sources.peek().next(max);
            if (piece != null) {
                return piece;
            }
            takeFirst().release();
        }
        return null;
    }

    private Source takeFirst() {
        Source first = sources.poll();
        if (sources.isEmpty()) {
            sources = null;
        }
        return first;
    }

    /** Bytes in memory, counted in the budget until handed out. */
    private static final class MemoryRegion implements Source {
        private final ByteBuffer bytes;
        private final MemoryBudget budget;

        MemoryRegion(ByteBuffer bytes, MemoryBudget budget) {
            this.bytes = bytes;
            this.budget = budget;
            budget.acquire(bytes.remaining());
        }

        @Override
        public ByteBuffer next(int max) {
            if (!bytes.hasRemaining()) {
                return null;
            }
            ByteBuffer piece = bytes.slice();
            piece.limit(Math.min(max, piece.remaining()));
            bytes.position(bytes.position() + piece.limit());
            budget.release(piece.limit());
            return piece;
        }

        @Override
        public void release() {
            budget.release(bytes.remaining());
            bytes.position(bytes.limit());
        }
    }

    /** A part of a file the connection sends itself when its turn comes. */
    private record SentFile(FileChannel file, long offset, long length) implements Source {
        @Override
        public ByteBuffer next(int max) {
            throw new IllegalStateException("expected the connection to send this file region itself");
        }

        @Override
        public void release() {
            FileRegion.closeQuietly(file);
        }
    }

    /**
     * A part of a file, read as it is sent into one buffer, reused: the connection copies what it
     * takes, and a refused piece goes again before the next is read. A fresh 64 KiB array per piece
     * took a fifth of the Java samples of a TLS bulk profile (docs/server-benchmarks.md).
     */
    private static final class FileRegion implements Source {
        private final FileChannel file;
        private long position;
        private final long end;
        private ByteBuffer piece;

        FileRegion(FileChannel file, long offset, long length) {
            this.file = file;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public ByteBuffer next(int max) throws IOException {
            if (position >= end) {
                return null;
            }
            int size = (int) Math.min(max, end - position);
            if (piece == null || piece.capacity() < size) {
                piece = ByteBuffer.allocate((int) Math.min(PIECE, end - position));
            }
            piece.clear().limit(size);
            while (piece.hasRemaining()) {
                int n = file.read(piece, position + piece.position());
                if (n < 0) {
                    throw new IOException("expected " + (end - position) + " more bytes of the file but it ended");
                }
            }
            position += piece.flip().remaining();
            return piece;
        }

        @Override
        public void release() {
            closeQuietly(file);
        }

        static void closeQuietly(FileChannel file) {
            try {
                file.close();
            } catch (IOException e) {
                // Closing a file only read from loses nothing.
            }
        }
    }
}
