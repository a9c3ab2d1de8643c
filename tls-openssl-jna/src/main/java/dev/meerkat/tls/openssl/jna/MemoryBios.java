package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;

/**
 * The two memory BIOs of one SSL: the read BIO takes ciphertext from the peer, the write BIO holds
 * what OpenSSL wants to send. A BIO_s_mem keeps the largest buffer it ever grew to (its BUF_MEM
 * never shrinks when drained), so after a handshake or a bulk transfer an idle connection would hold
 * kilobytes of empty buffer per BIO. {@link #releaseDrained} swaps a used, empty BIO for a fresh one
 * (SSL_set0_rbio and SSL_set0_wbio free the old one), the way SSL_MODE_RELEASE_BUFFERS frees the
 * SSL's own record buffers.
 */
final class MemoryBios {

    /** A static method table: asked once. */
    private static final Pointer MEMORY_METHOD = LibCrypto.BIO_s_mem();

    private final Pointer ssl;
    private Pointer readBio;
    private Pointer writeBio;
    private boolean inputWritten;
    private boolean outputRead;
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

    /** Writes ciphertext from the peer into the read BIO; returns BIO_write's count. */
    int writeInput(long address, int length) {
        int n = LibCrypto.BIO_write(readBio, address, length);
        inputWritten |= n > 0;
        return n;
    }

    /** Reads ciphertext for the peer out of the write BIO; returns BIO_read's count. */
    int readOutput(long address, int length) {
        int n = LibCrypto.BIO_read(writeBio, address, length);
        outputRead |= n > 0;
        return n;
    }

    long pendingInput() {
        return LibCrypto.BIO_ctrl(readBio, LibCrypto.BIO_CTRL_PENDING, 0, null);
    }

    long pendingOutput() {
        return LibCrypto.BIO_ctrl(writeBio, LibCrypto.BIO_CTRL_PENDING, 0, null);
    }

    /** BIO_set_mem_eof_return(rbio, 0): an empty read BIO now reads as end of input, not "retry". */
    void markInputEnded() {
        inputAtEof = true;
        LibCrypto.BIO_ctrl(readBio, LibCrypto.BIO_C_SET_BUF_MEM_EOF_RETURN, 0, null);
    }

    /**
     * Replaces each BIO that was used since it was made and is empty now. Only between calls and
     * after the handshake: what is still to be read or sent stays where it is. A failed BIO_new
     * keeps the old BIO, which is only bigger than needed.
     *
     * @param inputDrained OpenSSL read the read BIO dry (WANT_READ), so it need not be asked
     */
    void releaseDrained(boolean inputDrained) {
        if (inputWritten && !inputAtEof && (inputDrained || pendingInput() == 0)) {
            Pointer fresh = newBio();
            if (fresh != null) {
                LibSsl.SSL_set0_rbio(ssl, fresh);
                readBio = fresh;
                inputWritten = false;
            }
        }
        if (outputRead && pendingOutput() == 0) {
            Pointer fresh = newBio();
            if (fresh != null) {
                LibSsl.SSL_set0_wbio(ssl, fresh);
                writeBio = fresh;
                outputRead = false;
            }
        }
    }

    private static Pointer newBio() {
        Pointer bio = LibCrypto.BIO_new(MEMORY_METHOD);
        if (bio == null) {
            OpenSslErrorQueue.clear();
        }
        return bio;
    }
}
