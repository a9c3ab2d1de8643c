package dev.meerkat.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A FIFO of bytes over one heap buffer that is taken from the loop's {@link BufferPool} when bytes
 * arrive and given back as soon as it is empty, so an idle connection holds no I/O buffer and a
 * keep-alive request allocates none. The buffer stays in "fill" mode; the queued bytes are
 * [head, position).
 *
 * <p>Consuming only moves {@code head}. The queued bytes move to the front only when the free tail
 * is too small for a fill and the consumed prefix is at least as long as what is still queued, so
 * each move copies no more bytes than were consumed since the last one: consuming costs O(1) per
 * byte however the reads and writes interleave (Okio's segments give the same bound).
 */
final class ByteQueue {
    private static final int MIN_CAPACITY = BufferPool.SMALLEST;
    /** The most bytes one socket read takes, and so the size of a loop's read scratch buffer. */
    static final int READ_CHUNK = MIN_CAPACITY * 4;
    /**
     * The most bytes handed to one socket write. The JDK copies all that a heap buffer has remaining
     * into its per-thread temporary direct buffer, which grows to the largest write, before the
     * socket takes what it can; chunks bound that copy and that native buffer
     * (SocketWriteBenchmark in docs/benchmarks.md).
     */
    static final int WRITE_CHUNK = 64 * 1024;

    private final BufferAccount account;
    private final boolean direct;
    private ByteBuffer buffer;
    private int head;

    ByteQueue(BufferAccount account) {
        this(account, false);
    }

    /**
     * {@code direct}: buffers outside the heap where the pool has the size, for a queue that only the
     * socket and a TLS engine read (TLS ciphertext out): a socket write from a heap buffer first
     * copies it into the JDK's temporary direct buffer, and OpenSSL's BIO can write records straight
     * into a direct one.
     */
    ByteQueue(BufferAccount account, boolean direct) {
        this.account = account;
        this.direct = direct;
    }

    int size() {
        return buffer == null ? 0 : buffer.position() - head;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The buffer in fill mode with at least {@code room} free bytes; write into it directly. */
    ByteBuffer fillable(int room) {
        if (buffer == null) {
            replace(Math.max(room, MIN_CAPACITY));
        } else if (buffer.remaining() < room) {
            makeRoom(room);
        }
        return buffer;
    }

    /**
     * True when {@link #fillable fillable(room)} keeps the buffer (or takes a first one): no move to
     * a bigger buffer, which beyond the pool's largest size is a fresh array each time.
     */
    boolean fits(int room) {
        return buffer == null || buffer.remaining() >= room || compacts(room);
    }

    /** A view of the queued bytes from index 0; advance its position, then pass it to {@link #consumed}. */
    ByteBuffer readable() {
        if (buffer == null) {
            return ByteBuffer.allocate(0);
        }
        return buffer.slice(head, size());
    }

    /** Drops the bytes a {@link #readable()} view advanced over. */
    void consumed(ByteBuffer view) {
        consume(view.position());
    }

    void consume(int count) {
        if (count < 0 || count > size()) {
            throw new IllegalArgumentException("expected to consume 0 to " + size() + " bytes but was " + count);
        }
        head += count;
        releaseIfEmpty();
    }

    /** Appends every remaining byte of {@code source}; an empty source allocates nothing. */
    void append(ByteBuffer source) {
        if (source.hasRemaining()) {
            fillable(source.remaining()).put(source);
        }
    }

    /**
     * Reads at most {@code max} bytes (and at most the scratch's capacity) through {@code scratch},
     * the loop's direct buffer, and appends only the bytes that arrived: a heap read would go through
     * the JDK's own temporary direct buffer anyway, and reading into the queue would allocate room
     * for a whole chunk however few bytes come. Returns the count, or -1 at end of stream.
     */
    int readFrom(ReadableByteChannel channel, int max, ByteBuffer scratch) throws IOException {
        scratch.clear().limit(Math.min(max, scratch.capacity()));
        int count = channel.read(scratch);
        if (count > 0) {
            append(scratch.flip());
        }
        return count;
    }

    /**
     * Reads {@code count} bytes of {@code file} from {@code position} straight into the queue's
     * buffer (pread; a direct queue's buffer needs no copy through the JDK's temporary one). Returns
     * fewer only when the file ends first (a read answers -1, or 0).
     */
    int readFrom(FileChannel file, long position, int count) throws IOException {
        ByteBuffer room = fillable(count);
        int start = room.position();
        room.limit(start + count);
        try {
            while (room.hasRemaining() && file.read(room, position + room.position() - start) > 0) {
                // each read took some bytes: bounded by count
            }
        } finally {
            room.limit(room.capacity());
        }
        int read = room.position() - start;
        releaseIfEmpty();
        return read;
    }

    /** Writes as much as the channel takes, at most {@link #WRITE_CHUNK} bytes per call; returns the count. */
    int writeTo(WritableByteChannel channel) throws IOException {
        int total = 0;
        while (!isEmpty()) {
            int offered = Math.min(size(), WRITE_CHUNK);
            // The buffer itself, narrowed to the chunk and restored after: no view object per write.
            int end = buffer.position();
            buffer.limit(head + offered).position(head);
            int written;
            try {
                written = channel.write(buffer);
            } finally {
                buffer.limit(buffer.capacity()).position(end);
            }
            total += written;
            consume(written);
            if (written < offered) {
                break;
            }
        }
        return total;
    }

    void releaseIfEmpty() {
        if (buffer != null && size() == 0) {
            release();
        }
    }

    void release() {
        if (buffer != null) {
            account.give(buffer);
            buffer = null;
            head = 0;
        }
    }

    /** Compacts when that copies no more than was consumed since the last move, else doubles. */
    private void makeRoom(int room) {
        if (compacts(room)) {
            buffer.limit(buffer.position()).position(head);
            buffer.compact();
            head = 0;
        } else {
            replace(Math.max(size() + room, buffer.capacity() * 2));
        }
    }

    private boolean compacts(int room) {
        int size = size();
        return head >= size && buffer.capacity() - size >= room;
    }

    /** Moves the queued bytes to the front of a buffer of at least {@code capacity}. */
    private void replace(int capacity) {
        ByteBuffer bigger = account.take(capacity, direct);
        if (buffer != null) {
            bigger.put(buffer.flip().position(head));
            account.give(buffer);
        }
        buffer = bigger;
        head = 0;
    }
}
