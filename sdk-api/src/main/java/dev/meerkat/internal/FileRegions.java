package dev.meerkat.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The file regions a connection sends after its queued bytes (docs/ARCHITECTURE.md, "The send
 * path"), each followed by the bytes sent after it and before the next region, so order holds
 * however bytes and regions interleave; the bytes after a region are a {@link ByteQueue}, charged as
 * every queue is. Each file is closed once its region was sent, or when the regions are dropped.
 *
 * <p>Plain: a region is written with {@link FileChannel#transferTo} (sendfile on Linux: the kernel
 * copies from the page cache, no byte enters the heap), so it costs no memory and is not charged to
 * the budget. TLS: {@link TlsLayer} encrypts a region from {@link #plaintext()}, the batch
 * {@link #readAhead} read from the file straight into one pooled direct buffer (no copy into a
 * plaintext queue, nor through the JDK's temporary direct buffer); a connection holds at most that
 * one batch of a region at a time, charged while it waits.
 */
final class FileRegions {
    /**
     * The most one transferTo call is asked for: the socket takes at most its free buffer anyway,
     * and a bounded call keeps the loop's other connections turning (nginx's sendfile_max_chunk is
     * 2 MiB by default). {@link TlsLayer#write} stops after as many bytes for the same reason.
     */
    static final int MAX_TRANSFER = 2 * 1024 * 1024;

    /** The file ended before its region did: the connection fails, it cannot send what it promised. */
    static final class FileEnded extends IOException {
        FileEnded(String message) {
            super(message);
        }
    }

    private final BufferAccount account;
    /** Null until the first region: most connections never send one, and an idle one holds no deque. */
    private Deque<Region> regions;
    /** TLS: the head region's bytes read and not yet encrypted (direct); null until the first region. */
    private ByteQueue read;
    /** Region bytes not yet written (TLS: not yet read): what watermarks count beside the queued bytes. */
    private long remaining;

    FileRegions(BufferAccount account) {
        this.account = account;
    }

    boolean isEmpty() {
        return regions == null || regions.isEmpty();
    }

    /** Region bytes not yet sent, plus the bytes queued after the regions. */
    long size() {
        return remaining + (read == null ? 0 : read.size()) + bytesAfter();
    }

    /** The bytes queued after the regions: heap the connection holds, which its send limit bounds. */
    int bytesAfter() {
        if (isEmpty()) {
            return 0; // every send asks: no iterator for the common case, a region-less connection
        }
        int bytes = 0;
        for (Region region : regions) {
            bytes += region.after.size();
        }
        return bytes;
    }

    /** Queues a region of {@code file} after everything queued; the file is owned from now on. */
    void add(FileChannel file, long position, long count) {
        if (regions == null) {
            regions = new ArrayDeque<>(2);
            read = new ByteQueue(account, true);
        }
        regions.add(new Region(file, position, count, new ByteQueue(account)));
        remaining += count;
    }

    /** Queues bytes after the last region. */
    void append(ByteBuffer data) {
        regions.getLast().after.append(data);
    }

    /** Writes regions and the bytes after them, in order, until the socket takes no more. */
    long writeTo(SocketChannel channel) throws IOException {
        long total = 0;
        while (!isEmpty()) {
            Region region = regions.peek();
            long sent = region.transfer(channel);
            remaining -= sent;
            total += sent;
            if (region.count > 0) {
                break;
            }
            total += region.after.writeTo(channel);
            if (!region.after.isEmpty()) {
                break;
            }
            regions.poll().release();
        }
        return total;
    }

    /**
     * TLS: reads the head region's next {@code batch} bytes into the direct read buffer, unless
     * bytes read wait there still: a connection holds at most one batch of a file. A
     * {@link FileEnded} when the file is short.
     */
    void readAhead(int batch) throws IOException {
        Region head = isEmpty() ? null : regions.peek();
        if (head == null || head.count == 0 || !read.isEmpty()) {
            return;
        }
        int wanted = (int) Math.min(batch, head.count);
        int got = read.readFrom(head.file, head.position, wanted);
        head.advance(got);
        remaining -= got;
        if (got < wanted) {
            throw head.ended();
        }
    }

    /**
     * TLS, with regions queued: the queue to encrypt from next, the head region's bytes read ahead
     * and then the bytes after it. Empty while the head region's next batch waits to be read. Call
     * {@link #dropEncrypted} after consuming from it.
     */
    ByteQueue plaintext() {
        Region head = regions.peek();
        return head.count > 0 || !read.isEmpty() ? read : head.after;
    }

    /** TLS: drops the regions at the head whose bytes were all encrypted, closing their files. */
    void dropEncrypted() {
        while (!isEmpty() && regions.peek().count == 0 && read.isEmpty() && regions.peek().after.isEmpty()) {
            regions.poll().release();
        }
    }

    /** Drops every region, closing its file, and the bytes after them. */
    void release() {
        if (isEmpty()) {
            return;
        }
        regions.forEach(Region::release);
        regions.clear();
        read.release();
        remaining = 0;
    }

    private static final class Region {
        private final FileChannel file;
        private long position;
        private long count;
        private final ByteQueue after;

        Region(FileChannel file, long position, long count, ByteQueue after) {
            this.file = file;
            this.position = position;
            this.count = count;
            this.after = after;
        }

        /** One transferTo call; 0 when the socket is full, a {@link FileEnded} when the file is short. */
        long transfer(SocketChannel channel) throws IOException {
            if (count == 0) {
                return 0;
            }
            long sent = file.transferTo(position, Math.min(count, MAX_TRANSFER), channel);
            // transferTo answers 0 both when the socket is full and when the position is past the end.
            if (sent == 0 && file.size() <= position) {
                throw ended();
            }
            advance(sent);
            return sent;
        }

        void advance(long sent) {
            position += sent;
            count -= sent;
        }

        FileEnded ended() throws IOException {
            return new FileEnded("expected " + count + " more bytes of the file from byte " + position
                    + " but it ends at " + file.size());
        }

        void release() {
            after.release();
            try {
                file.close();
            } catch (IOException e) {
                // A file only read from loses nothing when its close fails.
            }
        }
    }
}
