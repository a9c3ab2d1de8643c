package dev.meerkat.internal;

import java.nio.ByteBuffer;

/**
 * One loop's spare queue buffers, so that a keep-alive request reuses the receive and send buffers
 * the last one emptied instead of allocating them (issue 12). Buffers come in six sizes: 4 KiB,
 * doubled as a queue grows, 16 KiB for a read chunk, 20 KiB for a TLS record with its overhead
 * ({@code TlsLayer.MAX_RECORD}) or an SSLEngine's plaintext room, 32 KiB, and 64 KiB for one socket
 * write ({@code ByteQueue.WRITE_CHUNK}: a bulk send's plaintext piece, or a batch of three TLS
 * records); a request for more is allocated to its exact size and dropped when given back, as
 * before. Each size keeps at most {@code bytesPerSize} bytes of spares but at least two buffers (two
 * bulk TLS streams' plaintext queues cycle without allocating), so a loop holds at most {@link #mostPooled} bytes
 * beyond what its connections hold; the memory budget counts only the latter ({@link BufferAccount}).
 * Direct buffers, for the queues only the socket and a TLS engine read, have spares of their own
 * (a heap queue's buffer may be handed to a handler, which may ask for its array); a direct request
 * beyond the largest size gets a heap buffer, since a direct one would be freed only at the GC's
 * pace. Loop thread only.
 */
final class BufferPool {
    private static final int[] CAPACITIES = {4096, 8192, 16384, 20480, 32768, 65536};
    /** Spares kept of each size at least, whatever {@code bytesPerSize} says. */
    private static final int LEAST_SPARES = 2;
    static final int SMALLEST = CAPACITIES[0];

    /** Heap spares of each size, then direct ones: slot {@code size + CAPACITIES.length}. */
    private final ByteBuffer[][] spares = new ByteBuffer[2 * CAPACITIES.length][];
    private final int[] counts = new int[2 * CAPACITIES.length];
    /** Buffers allocated because no spare fitted: what a steady send path must not add to. */
    private long made;

    BufferPool(int bytesPerSize) {
        for (int i = 0; i < spares.length; i++) {
            spares[i] = new ByteBuffer[sparesOf(bytesPerSize, CAPACITIES[i % CAPACITIES.length])];
        }
    }

    /** The most bytes of spares, heap and direct, a pool of {@code bytesPerSize} keeps. */
    static long mostPooled(int bytesPerSize) {
        long bytes = 0;
        for (int capacity : CAPACITIES) {
            bytes += (long) sparesOf(bytesPerSize, capacity) * capacity;
        }
        return 2 * bytes;
    }

    private static int sparesOf(int bytesPerSize, int capacity) {
        return Math.max(LEAST_SPARES, bytesPerSize / capacity);
    }

    /** The capacity {@link #take} gives for {@code minimum}: the next size up, or exactly that beyond the largest. */
    static int capacityFor(int minimum) {
        for (int capacity : CAPACITIES) {
            if (minimum <= capacity) {
                return capacity;
            }
        }
        return minimum;
    }

    /**
     * A cleared buffer of {@link #capacityFor(int) capacityFor(minimum)} that no one else holds;
     * {@code direct} where that capacity is pooled.
     */
    ByteBuffer take(int minimum, boolean direct) {
        int capacity = capacityFor(minimum);
        int size = slotOf(capacity, direct);
        if (size < 0 || counts[size] == 0) {
            made++;
            return size >= CAPACITIES.length ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        }
        ByteBuffer spare = spares[size][--counts[size]];
        spares[size][counts[size]] = null;
        return spare.clear();
    }

    /** Keeps {@code buffer} for a later {@link #take} when its size has room; the caller must drop it. */
    void give(ByteBuffer buffer) {
        int size = slotOf(buffer.capacity(), buffer.isDirect());
        if (size < 0 || counts[size] == spares[size].length) {
            return;
        }
        for (int i = 0; i < counts[size]; i++) {
            if (spares[size][i] == buffer) {
                throw new IllegalStateException("expected a buffer in use but it was given back twice");
            }
        }
        spares[size][counts[size]++] = buffer;
    }

    /** Bytes of spares held now. */
    long pooledBytes() {
        long bytes = 0;
        for (int i = 0; i < counts.length; i++) {
            bytes += (long) counts[i] * CAPACITIES[i % CAPACITIES.length];
        }
        return bytes;
    }

    /** Buffers allocated so far because no spare fitted. */
    long made() {
        return made;
    }

    /** The spares slot of a buffer, or -1 for a size not pooled. */
    private static int slotOf(int capacity, boolean direct) {
        for (int i = 0; i < CAPACITIES.length; i++) {
            if (capacity == CAPACITIES[i]) {
                return direct ? i + CAPACITIES.length : i;
            }
        }
        return -1;
    }
}
