package dev.meerkat.internal;

import java.nio.ByteBuffer;

/**
 * One loop's spare queue buffers, so that a keep-alive request reuses the receive and send buffers
 * the last one emptied instead of allocating them (issue 12). Buffers come in four sizes, 4 to 32
 * KiB (a read chunk, a TLS record); a request for more is allocated to its exact size and dropped
 * when given back, as before. Each size keeps at most {@code bytesPerSize} bytes of spares, so a
 * loop holds at most four times that beyond what its connections hold; the memory budget counts
 * only the latter ({@link BufferAccount}). Loop thread only.
 */
final class BufferPool {
    static final int SMALLEST = 4096;
    private static final int SIZES = 4;
    static final int LARGEST = SMALLEST << (SIZES - 1);

    private final ByteBuffer[][] spares = new ByteBuffer[SIZES][];
    private final int[] counts = new int[SIZES];

    BufferPool(int bytesPerSize) {
        for (int i = 0; i < SIZES; i++) {
            spares[i] = new ByteBuffer[bytesPerSize / (SMALLEST << i)];
        }
    }

    /** The capacity {@link #take} gives for {@code minimum}: the next size up, or exactly that beyond the largest. */
    static int capacityFor(int minimum) {
        if (minimum > LARGEST) {
            return minimum;
        }
        return Math.max(SMALLEST, Integer.highestOneBit(minimum - 1) << 1);
    }

    /** A cleared buffer of {@link #capacityFor(int) capacityFor(minimum)} that no one else holds. */
    ByteBuffer take(int minimum) {
        int capacity = capacityFor(minimum);
        int size = sizeIndex(capacity);
        if (size < 0 || counts[size] == 0) {
            return ByteBuffer.allocate(capacity);
        }
        ByteBuffer spare = spares[size][--counts[size]];
        spares[size][counts[size]] = null;
        return spare.clear();
    }

    /** Keeps {@code buffer} for a later {@link #take} when its size has room; the caller must drop it. */
    void give(ByteBuffer buffer) {
        int size = sizeIndex(buffer.capacity());
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
        for (int i = 0; i < SIZES; i++) {
            bytes += (long) counts[i] * (SMALLEST << i);
        }
        return bytes;
    }

    private static int sizeIndex(int capacity) {
        if (capacity < SMALLEST || capacity > LARGEST || Integer.bitCount(capacity) != 1) {
            return -1;
        }
        return Integer.numberOfTrailingZeros(capacity / SMALLEST);
    }
}
