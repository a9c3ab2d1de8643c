package dev.meerkat.internal;

/** Counts the bytes of I/O buffers a manager's connections hold, so tests can find leaks. */
public final class BufferAccount {
    private long bytes;

    void allocated(int capacity) {
        bytes += capacity;
    }

    void released(int capacity) {
        bytes -= capacity;
    }

    public long bytes() {
        return bytes;
    }
}
