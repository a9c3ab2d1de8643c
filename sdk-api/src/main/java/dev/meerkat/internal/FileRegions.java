package dev.meerkat.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The file regions a plain connection sends after its queued bytes (docs/ARCHITECTURE.md, "The
 * send path"), each followed by the bytes sent after it and before the next region, so order holds
 * however bytes and regions interleave. A region is written with {@link FileChannel#transferTo}
 * (sendfile on Linux: the kernel copies from the page cache, no byte enters the heap), so it costs
 * no memory and is not charged to the budget; the bytes after it are a {@link ByteQueue}, charged as
 * every queue is. Each file is closed once its region was sent, or when the regions are dropped.
 */
final class FileRegions {
    /**
     * The most one transferTo call is asked for: the socket takes at most its free buffer anyway,
     * and a bounded call keeps the loop's other connections turning (nginx's sendfile_max_chunk is
     * 2 MiB by default).
     */
    private static final long MAX_TRANSFER = 2 * 1024 * 1024;

    /** The file ended before its region did: the connection fails, it cannot send what it promised. */
    static final class FileEnded extends IOException {
        FileEnded(String message) {
            super(message);
        }
    }

    private final BufferAccount account;
    private final Deque<Region> regions = new ArrayDeque<>();
    /** Region bytes not yet written: what watermarks count beside the queued bytes. */
    private long remaining;

    FileRegions(BufferAccount account) {
        this.account = account;
    }

    boolean isEmpty() {
        return regions.isEmpty();
    }

    /** Region bytes not yet written, plus the bytes queued after the regions. */
    long size() {
        return remaining + bytesAfter();
    }

    /** The bytes queued after the regions: heap the connection holds, which its send limit bounds. */
    int bytesAfter() {
        if (regions.isEmpty()) {
            return 0; // every send asks: no iterator for the common case, a TLS or region-less connection
        }
        int bytes = 0;
        for (Region region : regions) {
            bytes += region.after.size();
        }
        return bytes;
    }

    /** Queues a region of {@code file} after everything queued; the file is owned from now on. */
    void add(FileChannel file, long position, long count) {
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
        while (!regions.isEmpty()) {
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

    /** Drops every region, closing its file, and the bytes after them. */
    void release() {
        regions.forEach(Region::release);
        regions.clear();
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
                throw new FileEnded("expected " + count + " more bytes of the file from byte " + position
                        + " but it ends at " + file.size());
            }
            position += sent;
            count -= sent;
            return sent;
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
