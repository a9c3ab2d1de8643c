package dev.meerkat.ws;

import dev.meerkat.MemoryBudget;
import java.util.Arrays;

/**
 * The payload of the data message being received, sized from frame headers. A final frame's header
 * says how long the message will be: its array gets exactly that length, and {@link #take()} hands
 * it out without a copy, so a message of one frame costs its size once. Fragments before the final
 * one grow the array by doubling, within the message limit; only when that overshot the final size
 * does {@code take()} trim. The array is allocated when a frame's first payload bytes arrive, not
 * at its header; a peer that announces a frame and stops holds at most the message limit. The array
 * is counted in the manager's {@link MemoryBudget} while it is held, as a buffered HTTP body is;
 * without room the message is refused with 1013 (try again later).
 */
final class MessageBuffer {

    private static final byte[] EMPTY = new byte[0];

    private final int limit;
    private final MemoryBudget budget;
    private byte[] bytes = EMPTY;
    private int size;
    /** The capacity the current frame needs, from its header. */
    private int wanted;

    /**
     * @param limit  the largest message; the parser refuses frames that would exceed it
     * @param budget counts the array while it is held
     */
    MessageBuffer(int limit, MemoryBudget budget) {
        this.limit = limit;
        this.budget = budget;
    }

    int size() {
        return size;
    }

    int capacity() {
        return bytes.length;
    }

    /** A data frame of {@code length} payload bytes begins; {@code last} when it ends the message. */
    void frame(long length, boolean last) {
        long end = size + length;
        wanted = (int) (last ? end : Math.min(limit, Math.max(end, 2L * bytes.length)));
    }

    /**
     * Makes room for {@code count} more bytes of the frame and returns the array to write them at
     * {@link #size()}; {@code received}: the bytes of this read, still counted in the receive buffer.
     *
     * @throws WsProtocolException with 1013 when the budget has no room for the larger array
     */
    byte[] reserve(int count, int received) throws WsProtocolException {
        if (size + count > bytes.length) {
            if (!budget.tryAcquire(wanted - bytes.length, received)) {
                throw new WsProtocolException(CloseCodes.TRY_AGAIN_LATER, "the memory budget (" + budget
                        + ") has no room for a message of " + wanted + " bytes");
            }
            bytes = Arrays.copyOf(bytes, wanted);
        }
        return bytes;
    }

    void added(int count) {
        size += count;
    }

    /** The bytes received, and a fresh empty buffer for the next message. */
    byte[] take() {
        byte[] message = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        release();
        return message;
    }

    /** Gives the array back to the budget: the message was handed out or the connection closed. */
    void release() {
        budget.release(bytes.length);
        bytes = EMPTY;
        size = 0;
    }
}
