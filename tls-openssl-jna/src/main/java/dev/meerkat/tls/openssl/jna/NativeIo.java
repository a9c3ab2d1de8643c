package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Moves bytes between {@link ByteBuffer}s and OpenSSL in bulk, one native call per record or
 * buffer. Direct buffers are handed to OpenSSL at their address; heap buffers (the core's queues are
 * heap buffers) are staged through one direct scratch buffer per thread. An engine uses the scratch
 * only within one call, so idle connections hold no I/O memory of their own.
 */
final class NativeIo {

    /** Room for a few whole TLS records (RFC 8446 section 5.2: at most 2^14 + 256 bytes plus a 5-byte header). */
    static final int SCRATCH_SIZE = 64 * 1024;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A native call over {@code length} bytes at {@code address}; returns OpenSSL's count, or 0 / -1. */
    @FunctionalInterface
    interface Transfer {
        int apply(long address, int length);
    }

    private NativeIo() {
    }

    /** Lets {@code transfer} write up to {@code max} bytes into {@code dst}; advances dst by what it wrote. */
    static int fill(ByteBuffer dst, int max, Transfer transfer) {
        int length = Math.min(dst.remaining(), max);
        Scratch scratch = SCRATCH.get();
        if (dst.isDirect()) {
            return advance(dst, transfer.apply(scratch.addressOf(dst), length));
        }
        int n = transfer.apply(scratch.address, Math.min(length, SCRATCH_SIZE));
        if (n > 0) {
            dst.put(dst.position(), scratch.buffer, 0, n);
        }
        return advance(dst, n);
    }

    /** Lets {@code transfer} read up to {@code max} bytes from {@code src}; advances src by what it took. */
    static int drain(ByteBuffer src, int max, Transfer transfer) {
        int length = Math.min(src.remaining(), max);
        Scratch scratch = SCRATCH.get();
        if (src.isDirect()) {
            return advance(src, transfer.apply(scratch.addressOf(src), length));
        }
        length = Math.min(length, SCRATCH_SIZE);
        scratch.buffer.put(0, src, src.position(), length);
        return advance(src, transfer.apply(scratch.address, length));
    }

    /** This thread's scratch address, for output nobody will read (plaintext discarded at end of input). */
    static long discardAddress() {
        return SCRATCH.get().address;
    }

    private static int advance(ByteBuffer buffer, int n) {
        if (n > 0) {
            buffer.position(buffer.position() + n);
        }
        return n;
    }

    /** JNA's only way to a direct buffer's address: a JNI call and a {@link Pointer} per call. */
    private static long baseAddress(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    /**
     * The staging buffer of one thread, and the address of the direct buffer it last handed to
     * OpenSSL: the core's ciphertext queue writes into the same pooled buffer on every wrap, whose
     * address never changes, so it is asked of JNA once, not per record. This keeps at most one
     * direct buffer per thread reachable.
     */
    private static final class Scratch {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(SCRATCH_SIZE);
        final long address = baseAddress(buffer);
        private ByteBuffer lastDirect;
        private long lastBase;

        long addressOf(ByteBuffer direct) {
            if (direct != lastDirect) {
                lastBase = baseAddress(direct);
                lastDirect = direct;
            }
            return lastBase + direct.position();
        }
    }
}
