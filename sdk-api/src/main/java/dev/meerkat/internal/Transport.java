package dev.meerkat.internal;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * How bytes move between a TCP socket and a connection's two plaintext queues (received, queued):
 * as they are ({@link PlainTransport}) or through TLS ({@link TlsLayer}). {@link StreamConn} owns the
 * shared read/write path, backpressure and the drain; a transport only transforms and holds bytes.
 */
interface Transport {

    /** How many bytes the next socket read may take; 0 stops reading (backpressure). */
    int readBudget();

    /**
     * Reads at most {@code budget} bytes from the socket through {@code scratch}, the loop's read
     * buffer, which holds nothing once this returns; -1 at end of stream.
     */
    int read(SocketChannel channel, int budget, ByteBuffer scratch) throws IOException;

    /**
     * Turns bytes read from the socket into plaintext in the received queue, as far as the receive
     * limit allows. Returns true when anything moved, so the caller loops until nothing does.
     */
    boolean decode() throws TlsException;

    /** Encodes queued plaintext and writes to the socket until it takes no more; returns bytes written. */
    int write(SocketChannel channel) throws IOException;

    /** True when {@link #write} has something the socket could take now. */
    boolean hasWritableOutput();

    /** Bytes encoded but not yet written (TLS ciphertext), beyond the plaintext queue. */
    int pendingOutput();

    /** True once everything asked for, including a requested close_notify, went to the socket. */
    boolean outputDone();

    /** True once application data can flow (plain: at once; TLS: handshake complete). */
    boolean isEstablished();

    /** True once the peer's close_notify was read (TLS only). */
    boolean peerClosed();

    /** Asks for our close_notify after the queued plaintext (TLS only). */
    void closeOutbound();

    /** Drops queued plaintext that was not encoded yet. */
    void discardQueued();

    /** Classifies the end of input once, after the drain: CLEAN or a truncation. */
    CloseReason classifyEnd();

    /** Frees buffers and the engine. */
    void release();
}
