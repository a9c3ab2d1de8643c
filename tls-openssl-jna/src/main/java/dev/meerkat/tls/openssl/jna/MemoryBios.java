package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;

/**
 * The two memory BIOs of one SSL: the read BIO takes ciphertext from the peer, the write BIO holds
 * what OpenSSL wants to send. A BIO_s_mem keeps the largest buffer it ever grew to (its BUF_MEM
 * never shrinks when drained), so after a handshake or a bulk transfer an idle connection would hold
 * kilobytes of empty buffer per BIO. {@link #releaseDrained} swaps such a BIO, once empty, for a
 * fresh one (SSL_set0_rbio and SSL_set0_wbio free the old one), the way SSL_MODE_RELEASE_BUFFERS
 * frees the SSL's own record buffers.
 *
 * <p>A BIO that never held more than {@link #KEPT_BYTES} is kept: a keep-alive request of a few
 * hundred bytes grows the read BIO to about 4/3 of its record (BUF_MEM_grow_clean), less than the
 * fresh BIO's own structures, and swapping it cost two native calls and four malloc/free pairs per
 * request (docs/server-benchmarks.md, "openssl-jna: fewer native calls per request").
 */
final class MemoryBios {

    /** The most a BIO may have held and still be kept when drained: its buffer is then at most about 700 bytes. */
    static final int KEPT_BYTES = 512;

    /** A static method table: asked once. */
    private static final Pointer MEMORY_METHOD = LibCrypto.BIO_s_mem();

    private final Pointer ssl;
    private Pointer readBio;
    private Pointer writeBio;
    /** The largest BIO_write into the read BIO since it was made: what it held at most, since each feed finds it empty. */
    private int largestInput;
    /** Bytes read out of the write BIO since it was last empty, and the most of those since it was made. */
    private int outputSinceEmpty;
    private int largestOutput;
    private boolean inputAtEof;

    private MemoryBios(Pointer ssl, Pointer readBio, Pointer writeBio) {
        this.ssl = ssl;
        this.readBio = readBio;
        this.writeBio = writeBio;
    }

    /** Two new BIOs handed to {@code ssl}, which frees them with itself; on failure none is left behind. */
    static MemoryBios attach(Pointer ssl) throws TlsException {
        Pointer readBio = LibCrypto.BIO_new(MEMORY_METHOD);
        Pointer writeBio = LibCrypto.BIO_new(MEMORY_METHOD);
        if (readBio == null || writeBio == null) {
            freeBio(readBio);
            freeBio(writeBio);
            throw new TlsException(Kind.CONFIGURATION, "BIO_new failed: " + OpenSslErrorQueue.drainText());
        }
        LibSsl.SSL_set_bio(ssl, readBio, writeBio);
        return new MemoryBios(ssl, readBio, writeBio);
    }

    private static void freeBio(Pointer bio) {
        if (bio != null) {
            LibCrypto.BIO_free(bio);
        }
    }

    /** Writes ciphertext from the peer into the read BIO, which OpenSSL read dry before; returns BIO_write's count. */
    int writeInput(long address, int length) {
        int n = LibCrypto.BIO_write(readBio, address, length);
        largestInput = Math.max(largestInput, n);
        return n;
    }

    /** Reads ciphertext for the peer out of the write BIO; returns BIO_read's count, less than asked once it is empty. */
    int readOutput(long address, int length) {
        int n = LibCrypto.BIO_read(writeBio, address, length);
        if (n > 0) {
            outputSinceEmpty += n;
            largestOutput = Math.max(largestOutput, outputSinceEmpty);
        }
        if (n < length) {
            outputSinceEmpty = 0;
        }
        return n;
    }

    long pendingInput() {
        return LibCrypto.BIO_ctrl(readBio, LibCrypto.BIO_CTRL_PENDING, 0, null);
    }

    long pendingOutput() {
        long pending = LibCrypto.BIO_ctrl(writeBio, LibCrypto.BIO_CTRL_PENDING, 0, null);
        if (pending == 0) {
            outputSinceEmpty = 0;
        }
        return pending;
    }

    /** BIO_set_mem_eof_return(rbio, 0): an empty read BIO now reads as end of input, not "retry". */
    void markInputEnded() {
        inputAtEof = true;
        LibCrypto.BIO_ctrl(readBio, LibCrypto.BIO_C_SET_BUF_MEM_EOF_RETURN, 0, null);
    }

    /**
     * Replaces each BIO that held more than {@link #KEPT_BYTES} since it was made and is empty now.
     * Only between calls and after the handshake: what is still to be read or sent stays where it
     * is. A failed BIO_new keeps the old BIO, which is only bigger than needed.
     *
     * @param inputDrained  OpenSSL read the read BIO dry (WANT_READ), so it need not be asked
     * @param outputDrained the write BIO was read dry since OpenSSL last ran, so it need not be asked
     */
    void releaseDrained(boolean inputDrained, boolean outputDrained) {
        if (largestInput > KEPT_BYTES && !inputAtEof && (inputDrained || pendingInput() == 0)) {
            Pointer fresh = newBio();
            if (fresh != null) {
                LibSsl.SSL_set0_rbio(ssl, fresh);
                readBio = fresh;
                largestInput = 0;
            }
        }
        if (largestOutput > KEPT_BYTES && (outputDrained || pendingOutput() == 0)) {
            Pointer fresh = newBio();
            if (fresh != null) {
                LibSsl.SSL_set0_wbio(ssl, fresh);
                writeBio = fresh;
                largestOutput = 0;
            }
        }
    }

    Pointer readBio() {
        return readBio;
    }

    Pointer writeBio() {
        return writeBio;
    }

    private static Pointer newBio() {
        Pointer bio = LibCrypto.BIO_new(MEMORY_METHOD);
        if (bio == null) {
            OpenSslErrorQueue.clear();
        }
        return bio;
    }
}
