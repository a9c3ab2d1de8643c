package dev.meerkat.ws;

import java.util.Arrays;

/**
 * The payload of the data message being received, grown as bytes arrive (not as lengths are
 * announced), so a peer that declares a large frame and sends it slowly costs only what it sent.
 */
final class MessageBuffer {

    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int size;

    int size() {
        return size;
    }

    /** Makes room for {@code count} more bytes and returns the array to write them at {@link #size()}. */
    byte[] reserve(int count) {
        if (size + count > bytes.length) {
            int doubled = (int) Math.min(2L * bytes.length, Integer.MAX_VALUE - 8);
            bytes = Arrays.copyOf(bytes, Math.max(size + count, doubled));
        }
        return bytes;
    }

    void added(int count) {
        size += count;
    }

    /** The bytes received, and a fresh empty buffer for the next message. */
    byte[] take() {
        byte[] message = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        bytes = EMPTY;
        size = 0;
        return message;
    }
}
