package dev.meerkat.tls.openssl;

import io.netty.internal.tcnative.Buffer;
import java.nio.ByteBuffer;

/**
 * Direct buffers that carry bytes across JNI for heap buffers given by the caller, one pair per
 * thread. An engine stages bytes here only for the duration of one wrap or unwrap call (the BIO is
 * cleared before the call returns), so idle connections hold no I/O memory: the design's goal that
 * an idle connection holds almost nothing.
 */
final class NativeScratch {

    /** RFC 5246 section 6.2.3: a ciphertext fragment is at most 2^14 + 2048 bytes, after a 5-byte header. */
    static final int MAX_RECORD = 5 + 16384 + 2048;

    private static final ThreadLocal<NativeScratch> PER_THREAD = ThreadLocal.withInitial(NativeScratch::new);

    final ByteBuffer ciphertext = ByteBuffer.allocateDirect(4 * MAX_RECORD);
    final long ciphertextAddress = Buffer.address(ciphertext);
    final ByteBuffer plaintext = ByteBuffer.allocateDirect(4 * 16384);
    final long plaintextAddress = Buffer.address(plaintext);

    private NativeScratch() {
    }

    static NativeScratch get() {
        return PER_THREAD.get();
    }

    /** The native address of {@code buffer}'s position (direct buffers only). */
    static long addressAtPosition(ByteBuffer buffer) {
        return Buffer.address(buffer) + buffer.position();
    }
}
