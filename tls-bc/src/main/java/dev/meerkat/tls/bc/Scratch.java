package dev.meerkat.tls.bc;

/**
 * One byte array per thread for handing records to BC, which takes {@code byte[]} only and may
 * decrypt in place. BC copies what it keeps before the call returns, so an idle engine holds no
 * record-sized buffer: idle connections should hold almost nothing.
 */
final class Scratch {

    /** A full record: 5-byte header, 2^14 bytes of plaintext, 2048 bytes of expansion (RFC 5246 section 6.2.3). */
    static final int MAX_RECORD = 5 + (1 << 14) + 2048;

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[MAX_RECORD]);

    private Scratch() {
    }

    /** This thread's array, at least {@code size} bytes long. */
    static byte[] get(int size) {
        byte[] buffer = BUFFER.get();
        if (buffer.length < size) {
            buffer = new byte[size];
            BUFFER.set(buffer);
        }
        return buffer;
    }
}
