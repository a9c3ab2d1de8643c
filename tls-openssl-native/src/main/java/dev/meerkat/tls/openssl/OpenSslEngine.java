package dev.meerkat.tls.openssl;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.OpenSslFamilyEngine;
import dev.meerkat.tls.spi.RecordBoundaryTracker;
import dev.meerkat.tls.spi.TlsResult;
import dev.meerkat.tls.spi.TlsResult.Status;
import io.netty.internal.tcnative.SSL;
import java.nio.ByteBuffer;

/**
 * One BoringSSL SSL object driven as a pure transform through tcnative's ByteBuffer BIO: each call
 * points the BIO at a direct buffer (the caller's, or this thread's {@link NativeScratch}), runs
 * SSL_do_handshake / SSL_read / SSL_write once per record, and clears the BIO before returning.
 *
 * <p>Inbound, BoringSSL pulls exactly the bytes of the record it is working on: the rest of the input
 * stays with the caller, and at most one partial record sits inside BoringSSL, which a
 * {@link RecordBoundaryTracker} over the consumed bytes reports at EOF. Bytes BoringSSL writes while
 * reading (handshake replies, alerts, TLS 1.3 tickets) wait in the BIO's small non-application buffer
 * until the next {@link #wrap}; {@link #wantsWrap()} says so. Not thread-safe: one connection, one
 * thread at a time.
 */
final class OpenSslEngine extends OpenSslFamilyEngine {

    /** Handshake and alert bytes produced during unwrap; a larger flight waits for wrap (WANT_WRITE). */
    private static final int NON_APPLICATION_BUFFER_SIZE = 2048;
    /**
     * The same buffer once the handshake is over: tcnative allocates it with the BIO and keeps it
     * for the BIO's life, so an idle connection would hold 2 KiB for nothing. After the handshake
     * BoringSSL writes during SSL_read only an alert or a KeyUpdate answer (a few dozen bytes each).
     */
    private static final int ESTABLISHED_NON_APPLICATION_BUFFER_SIZE = 256;
    /** A TLS 1.3 close_notify is a 24-byte record; leave headroom for a pending ticket or key update. */
    private static final int CLOSE_NOTIFY_ROOM = 64;

    private final OpenSslContext context;
    private final boolean server;
    private final PeerCheck peerCheck;
    private final String peer;
    private final RecordBoundaryTracker inbound = new RecordBoundaryTracker();
    private long ssl;
    private long bio;
    private boolean handshakeStarted;
    private boolean bioShrunk;
    private boolean handshakeWantsWrite;
    private boolean closeNotifyWritten;
    private boolean closed;
    private int maxWrapOverhead;
    private TlsException failure;
    private TlsSession session;

    /** {@code peer} ("host:port") keys the client's resumable sessions; null when none are kept. */
    OpenSslEngine(OpenSslContext context, long ctx, String peerHost, String peer, NativeKeyMaterial keys)
            throws TlsException {
        this.context = context;
        this.server = !context.config().isClient();
        this.peerCheck = new PeerCheck(context.config(), peerHost);
        this.peer = peer;
        this.ssl = SSL.newSSL(ctx, server);
        try {
            this.bio = SSL.bioNewByteBuffer(ssl, NON_APPLICATION_BUFFER_SIZE);
            if (keys != null) {
                useKeyMaterial(keys);
            }
            if (!server && PeerCheck.isDnsName(peerHost)) {
                SSL.setTlsExtHostName(ssl, peerHost);
            }
            if (!server) {
                declineRenegotiation();
            }
            rethrowFailure();
        } catch (TlsException | RuntimeException e) {
            SSL.freeSSL(ssl);
            throw e;
        }
    }

    /**
     * A client declines a server's TLS 1.2 renegotiation and reads on (issue 8). BoringSSL's default,
     * "never", fails the connection with NO_RENEGOTIATION; it cannot send the no_renegotiation warning
     * that OpenSSL and Bouncy Castle send, so its non-fatal way to decline is to ignore the HelloRequest
     * (RFC 5246 section 7.4.1.1 allows both).
     */
    private void declineRenegotiation() throws TlsException {
        try {
            SSL.setRenegotiateMode(ssl, SSL.SSL_RENEGOTIATE_IGNORE);
        } catch (Exception e) {
            throw new TlsException(TlsException.Kind.CONFIGURATION,
                    "expected BoringSSL to accept the renegotiation mode 'ignore' but it failed: " + e, e);
        }
    }

    /** Whether the BIO's buffer has been cut to its established size ({@link #shrinkBioOnceEstablished}). */
    boolean hasEstablishedBio() {
        return bioShrunk;
    }

    long sslAddress() {
        return ssl;
    }

    String peer() {
        return peer;
    }

    boolean hasFailed() {
        return failure != null;
    }

    @Override
    public TlsResult unwrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        ensureOpen();
        rethrowFailure();
        if (inboundDone) {
            return TlsResult.of(Status.CLOSED, 0, 0);
        }
        NativeScratch scratch = NativeScratch.get();
        int staged = stageCiphertext(in, out, scratch);
        SSL.bioSetByteBuffer(bio, scratch.ciphertextAddress, staged, false);
        int produced = 0;
        int consumed = 0;
        try {
            if (!handshakeComplete) {
                stepHandshake();
            }
            if (handshakeComplete) {
                produced = readPlaintext(out, scratch);
            }
        } catch (TlsException e) {
            failure = e;
            throw e;
        } finally {
            consumed = staged - SSL.bioLengthByteBuffer(bio);
            SSL.bioClearByteBuffer(bio);
            markConsumed(in, consumed);
        }
        return unwrapResult(in, out, consumed, produced);
    }

    /**
     * Copies as much ciphertext as {@code out} can take the plaintext of, plus one record (at least one
     * whole record, so the handshake always progresses). BoringSSL takes only what it decrypts.
     */
    private static int stageCiphertext(ByteBuffer in, ByteBuffer out, NativeScratch scratch) {
        int wanted = Math.max(NativeScratch.MAX_RECORD, out.remaining() + NativeScratch.MAX_RECORD / 8);
        int staged = Math.min(in.remaining(), Math.min(wanted, scratch.ciphertext.capacity()));
        scratch.ciphertext.put(0, in, in.position(), staged);
        return staged;
    }

    private void markConsumed(ByteBuffer in, int consumed) {
        int start = in.position();
        inbound.update(in.duplicate().limit(start + consumed));
        in.position(start + consumed);
    }

    private TlsResult unwrapResult(ByteBuffer in, ByteBuffer out, int consumed, int produced) {
        if (inboundDone && produced == 0) {
            return TlsResult.of(Status.CLOSED, consumed, 0);
        }
        if (consumed > 0 || produced > 0) {
            return TlsResult.of(Status.OK, consumed, produced);
        }
        if (handshakeComplete && !out.hasRemaining() && (in.hasRemaining() || SSL.sslPending(ssl) > 0)) {
            return TlsResult.of(Status.NEEDS_OUTPUT_ROOM, 0, 0);
        }
        return TlsResult.of(Status.NEEDS_INPUT, 0, 0);
    }

    private void stepHandshake() throws TlsException {
        handshakeStarted = true;
        handshakeWantsWrite = false;
        int result = SSL.doHandshake(ssl);
        if (result == 1) {
            completeHandshake();
            return;
        }
        int error = SSL.getError(ssl, result);
        if (error == SSL.SSL_ERROR_WANT_WRITE) {
            handshakeWantsWrite = true;
        } else if (error != SSL.SSL_ERROR_WANT_READ) {
            throw failureOf(error);
        }
    }

    private void completeHandshake() {
        handshakeComplete = true;
        maxWrapOverhead = SSL.getMaxWrapOverhead(ssl);
        String alpn = SSL.getAlpnSelected(ssl);
        // tcnative makes a new String per call: interned, every idle session shares "TLSv1.3".
        session = new TlsSession(OpenSslTlsProvider.NAME, SSL.getVersion(ssl).intern(),
                CipherSuiteNames.toIana(SSL.getCipherForSSL(ssl)), alpn == null || alpn.isEmpty() ? null : alpn,
                peerCheck.peerCertificates(ssl, server), SSL.isSessionReused(ssl), groupName());
    }

    /** The key exchange's group; null only if tcnative cannot say, which would not fail the connection. */
    private String groupName() {
        try {
            String name = SSL.getGroupName(ssl);
            return name == null ? null : CipherSuiteNames.ianaGroupName(name);
        } catch (Exception e) {
            return null;
        }
    }

    /** SSL_read until {@code out} is full or BoringSSL needs more ciphertext; one JNI call per record. */
    private int readPlaintext(ByteBuffer out, NativeScratch scratch) throws TlsException {
        int produced = 0;
        while (out.hasRemaining()) {
            boolean direct = out.isDirect();
            int room = direct ? out.remaining() : Math.min(out.remaining(), scratch.plaintext.capacity());
            long address = direct ? NativeScratch.addressAtPosition(out) : scratch.plaintextAddress;
            int result = SSL.readFromSSL(ssl, address, room);
            if (result > 0) {
                if (!direct) {
                    out.put(out.position(), scratch.plaintext, 0, result);
                }
                out.position(out.position() + result);
                produced += result;
                continue;
            }
            int error = SSL.getError(ssl, result);
            if (error == SSL.SSL_ERROR_ZERO_RETURN) {
                inboundDone = true;
            } else if (error == SSL.SSL_ERROR_WANT_WRITE) {
                handshakeWantsWrite = true;
            } else if (error != SSL.SSL_ERROR_WANT_READ) {
                throw failureOf(error);
            }
            break;
        }
        return produced;
    }

    @Override
    public TlsResult wrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        ensureOpen();
        if (outboundDone) {
            return TlsResult.of(Status.CLOSED, 0, 0);
        }
        NativeScratch scratch = NativeScratch.get();
        boolean direct = out.isDirect();
        int capacity = direct ? out.remaining() : Math.min(out.remaining(), scratch.ciphertext.capacity());
        SSL.bioSetByteBuffer(bio, direct ? NativeScratch.addressAtPosition(out) : scratch.ciphertextAddress,
                capacity, true);
        int consumed = 0;
        int produced = 0;
        try {
            SSL.bioFlushByteBuffer(bio);
            consumed = produceRecords(in, scratch);
        } catch (TlsException e) {
            failure = e;
            throw e;
        } finally {
            produced = capacity - SSL.bioLengthByteBuffer(bio);
            SSL.bioClearByteBuffer(bio);
            if (!direct) {
                out.put(out.position(), scratch.ciphertext, 0, produced);
            }
            out.position(out.position() + produced);
            outboundDone = (closeNotifyWritten || failure != null) && SSL.bioLengthNonApplication(bio) == 0;
            shrinkBioOnceEstablished();
        }
        return wrapResult(in, out, consumed, produced);
    }

    /**
     * After a wrap, once the handshake is complete and its last bytes have left the non-application
     * buffer, swaps the BIO for one with a small buffer; SSL_set_bio frees the old one. Not after an
     * unwrap: a TLS 1.3 server's tickets may still be unsent then, and BoringSSL would write them
     * during a later SSL_read, ahead of any fatal alert, into too small a buffer (the engine
     * contract's corrupted-record case failed so). If tcnative cannot make the new BIO, the old one
     * stays: only bigger than needed.
     */
    private void shrinkBioOnceEstablished() {
        if (bioShrunk || !handshakeComplete || failure != null || outboundDone || handshakeWantsWrite
                || SSL.bioLengthNonApplication(bio) != 0) {
            return;
        }
        bioShrunk = true;
        try {
            bio = SSL.bioNewByteBuffer(ssl, ESTABLISHED_NON_APPLICATION_BUFFER_SIZE);
        } catch (Exception e) {
            SSL.clearError();
        }
    }

    /** Handshake, then application data, then close_notify; after a failure only the pending alert. */
    private int produceRecords(ByteBuffer in, NativeScratch scratch) throws TlsException {
        if (failure != null) {
            return 0;
        }
        if (!handshakeComplete && !(closeRequested && !handshakeStarted)) {
            stepHandshake();
        }
        if (closeRequested) {
            writeCloseNotify();
            return 0;
        }
        return handshakeComplete ? writePlaintext(in, scratch) : 0;
    }

    private int writePlaintext(ByteBuffer in, NativeScratch scratch) throws TlsException {
        int consumed = 0;
        while (in.hasRemaining()) {
            int chunk = Math.min(in.remaining(), MAX_PLAINTEXT);
            if (SSL.bioLengthByteBuffer(bio) < chunk + maxWrapOverhead) {
                break;
            }
            long address;
            if (in.isDirect()) {
                address = NativeScratch.addressAtPosition(in);
            } else {
                scratch.plaintext.put(0, in, in.position(), chunk);
                address = scratch.plaintextAddress;
            }
            int result = SSL.writeToSSL(ssl, address, chunk);
            if (result <= 0) {
                throw failureOf(SSL.getError(ssl, result));
            }
            in.position(in.position() + result);
            consumed += result;
        }
        return consumed;
    }

    /** BoringSSL refuses SSL_shutdown during the handshake: closing then sends nothing (as the JDK 1.3 does). */
    private void writeCloseNotify() throws TlsException {
        if (closeNotifyWritten) {
            return;
        }
        if (!handshakeComplete) {
            closeNotifyWritten = true;
            return;
        }
        if (SSL.bioLengthByteBuffer(bio) < CLOSE_NOTIFY_ROOM) {
            return;
        }
        int result = SSL.shutdownSSL(ssl);
        if (result < 0) {
            throw failureOf(SSL.getError(ssl, result));
        }
        closeNotifyWritten = true;
    }

    private TlsResult wrapResult(ByteBuffer in, ByteBuffer out, int consumed, int produced) {
        if (outboundDone) {
            return TlsResult.of(Status.CLOSED, consumed, produced);
        }
        if (consumed > 0 || produced > 0) {
            return TlsResult.of(Status.OK, consumed, produced);
        }
        boolean blockedByRoom = (handshakeComplete && in.hasRemaining() && !closeRequested)
                || (closeRequested && !closeNotifyWritten) || handshakeWantsWrite;
        return TlsResult.of(blockedByRoom || !out.hasRemaining() ? Status.NEEDS_OUTPUT_ROOM : Status.NEEDS_INPUT,
                0, 0);
    }

    @Override
    public boolean wantsWrap() {
        if (closed || outboundDone) {
            return false;
        }
        if (failure == null && ((!server && !handshakeStarted) || handshakeWantsWrite || closeRequested)) {
            return true;
        }
        return SSL.bioLengthNonApplication(bio) > 0;
    }

    @Override
    public InputEnd inputEnded(ByteBuffer leftover) {
        boolean closeNotifySeen = inboundDone
                || (!closed && (SSL.getShutdown(ssl) & SSL.SSL_RECEIVED_SHUTDOWN) != 0);
        return closeNotifySeen ? InputEnd.CLOSE_NOTIFY : inbound.truncation(leftover);
    }

    @Override
    public TlsSession session() {
        return session;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long freed = ssl;
        ssl = 0;
        bio = 0;
        context.engineClosing(this, freed);
        // SSL_free also frees the BIO: SSL_set_bio gave it to the SSL.
        SSL.freeSSL(freed);
        context.engineFreed();
    }

    /** From the context's verify callback, during SSL_do_handshake on this engine's thread. */
    int verifyPeer(byte[][] chain) {
        return peerCheck.verify(chain, server);
    }

    /** From the constructor, or the server's certificate callback once SNI is known. */
    void useKeyMaterial(NativeKeyMaterial keys) {
        try {
            SSL.setKeyMaterial(ssl, keys.chain, keys.key);
        } catch (Exception e) {
            peerCheck.rememberFailure(new TlsException(TlsException.Kind.CONFIGURATION,
                    "BoringSSL refused the key material: " + e.getMessage(), e));
        }
    }

    private TlsException failureOf(int sslError) {
        TlsException fromNative = OpenSslErrors.drain(sslError, server);
        TlsException remembered = peerCheck.failure();
        return remembered != null ? remembered : fromNative;
    }

    private void rethrowFailure() throws TlsException {
        if (failure == null) {
            failure = peerCheck.failure();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("expected an open TLS engine but it was closed");
        }
    }
}
