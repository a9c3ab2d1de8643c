package dev.meerkat.tls.mbedtls;

import java.nio.ByteBuffer;

/**
 * Ciphertext MbedTLS sent while there was no room for it in the caller's buffer (or no buffer: a
 * handshake flight or an alert written during unwrap), kept in order until a wrap moves it out. The
 * send callback always takes everything, so MbedTLS never holds a half-sent record of its own. The
 * array is dropped once drained, so an idle connection holds none.
 */
final class PendingOutput {

    private static final byte[] NONE = new byte[0];

    private byte[] bytes = NONE;
    private int start;
    private int end;

    int size() {
        return end - start;
    }

    void append(byte[] data) {
        if (end + data.length > bytes.length) {
            byte[] grown = new byte[Math.max(size() + data.length, 2 * size())];
            System.arraycopy(bytes, start, grown, 0, size());
            end = size();
            start = 0;
            bytes = grown;
        }
        System.arraycopy(data, 0, bytes, end, data.length);
        end += data.length;
    }

    /** Moves as much as fits into {@code out}; true when nothing is left. */
    boolean drainTo(ByteBuffer out) {
        int n = Math.min(size(), out.remaining());
        out.put(bytes, start, n);
        start += n;
        if (start == end) {
            bytes = NONE;
            start = 0;
            end = 0;
            return true;
        }
        return false;
    }
}
