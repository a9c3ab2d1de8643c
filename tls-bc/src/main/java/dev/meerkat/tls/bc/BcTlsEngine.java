package dev.meerkat.tls.bc;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import dev.meerkat.tls.spi.TlsResult.Status;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.bouncycastle.tls.RecordPreview;
import org.bouncycastle.tls.TlsNoCloseNotifyException;
import org.bouncycastle.tls.TlsProtocol;
import org.jspecify.annotations.Nullable;

/**
 * One connection over BC's non-blocking {@link TlsProtocol}.
 *
 * <p>Bounded buffering: {@code offerInput} decrypts every whole record it is given into an
 * unbounded queue, so {@link #unwrap} offers exactly one record at a time, and only when
 * {@code out} has room for all of its plaintext; a partial record stays in the caller's buffer, where
 * {@link #inputEnded} sees it. {@link #wrap} encrypts only as much as fits in {@code out}.
 *
 * <p>Closing: {@link #closeOutbound} after the handshake sends close_notify without closing BC's
 * input (see {@link HalfClosingProtocols}), so the peer's last records and close_notify are still
 * read. When the peer's close_notify arrives first, BC answers with its own close_notify at once and
 * can send nothing after it (BC low-level cannot half-close after the peer's close).
 */
final class BcTlsEngine implements TlsEngine {

    private static final int HEADER_SIZE = 5;

    /** RFC 8446 section 5.1, RFC 5246 section 6.2.1: at most 2^14 plaintext bytes in a record. */
    static final int MAX_PLAINTEXT = 1 << 14;

    private final TlsProtocol protocol;
    private final HalfClosingProtocols.HalfCloseable halfCloseable;
    private final PeerState state;
    private final byte[] header = new byte[HEADER_SIZE];
    /** Thrown by every later call once raised. */
    private TlsException failure;
    /** Raised by a call that had already returned bytes: thrown by the next call. */
    private TlsException pendingFailure;
    /** After closeOutbound: how many bytes of ours (up to our close_notify) wrap must still produce; -1 before. */
    private int closeBytesLeft = -1;

    private <P extends TlsProtocol & HalfClosingProtocols.HalfCloseable> BcTlsEngine(P protocol, PeerState state) {
        this.protocol = protocol;
        this.halfCloseable = protocol;
        this.state = state;
    }

    /** A client engine; its ClientHello is ready for the first {@link #wrap}. */
    static BcTlsEngine client(BcTlsContext owner, String host, String sessionKey) throws IOException {
        PeerState state = new PeerState("client");
        HalfClosingProtocols.Client protocol = new HalfClosingProtocols.Client();
        protocol.connect(new BcClient(owner, host, sessionKey, state));
        return new BcTlsEngine(protocol, state);
    }

    static BcTlsEngine server(BcTlsContext owner) throws IOException {
        PeerState state = new PeerState("server");
        HalfClosingProtocols.Server protocol = new HalfClosingProtocols.Server();
        protocol.accept(new BcServer(owner, state));
        return new BcTlsEngine(protocol, state);
    }

    @Override
    public TlsResult unwrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        throwIfFailed();
        int inStart = in.position();
        int outStart = out.position();
        Status status;
        try {
            status = decryptRecords(in, out);
        } catch (IOException e) {
            status = fail(e, out.position() > outStart);
        }
        return TlsResult.of(status, in.position() - inStart, out.position() - outStart);
    }

    /**
     * Plaintext first, then one whole record at a time while {@code out} can take its plaintext.
     * RecordPreview's application data limit is deprecated in 1.84 but is exactly the bound wanted
     * (at most 2^14, zero for non-data records); its replacement also counts handshake content.
     */
    @SuppressWarnings("deprecation")
    private Status decryptRecords(ByteBuffer in, ByteBuffer out) throws IOException {
        while (true) {
            deliverPlaintext(out);
            if (protocol.getAvailableInputBytes() > 0) {
                return Status.NEEDS_OUTPUT_ROOM;
            }
            if (state.closeNotifyReceived()) {
                return Status.CLOSED;
            }
            if (protocol.isClosed()) {
                // Closed by us before the handshake finished: BC reads nothing more, the bytes mean nothing.
                in.position(in.limit());
                return Status.NEEDS_INPUT;
            }
            if (in.remaining() < HEADER_SIZE) {
                return Status.NEEDS_INPUT;
            }
            in.get(in.position(), header);
            RecordPreview record = protocol.previewInputRecord(header);
            if (in.remaining() < record.getRecordSize()) {
                return Status.NEEDS_INPUT;
            }
            if (out.remaining() < record.getApplicationDataLimit()) {
                return Status.NEEDS_OUTPUT_ROOM;
            }
            offer(in, record.getRecordSize());
        }
    }

    private void deliverPlaintext(ByteBuffer out) {
        int n = Math.min(protocol.getAvailableInputBytes(), out.remaining());
        if (n > 0) {
            protocol.readInput(out, n);
        }
    }

    private void offer(ByteBuffer in, int size) throws IOException {
        byte[] record = Scratch.get(size);
        in.get(record, 0, size);
        protocol.offerInput(record, 0, size);
    }

    @Override
    public TlsResult wrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        int inStart = in.position();
        int outStart = out.position();
        Status status;
        try {
            status = encrypt(in, out);
        } catch (IOException e) {
            status = fail(e, out.position() > outStart);
        }
        return TlsResult.of(status, in.position() - inStart, out.position() - outStart);
    }

    /** Pending handshake, alert and close_notify bytes first; application data only after the handshake. */
    private Status encrypt(ByteBuffer in, ByteBuffer out) throws IOException {
        if (!flushOutput(out)) {
            return Status.NEEDS_OUTPUT_ROOM;
        }
        if (closeBytesLeft == 0 || protocol.isClosed()) {
            return Status.CLOSED;
        }
        throwIfFailed();
        if (!state.isHandshakeComplete() || !in.hasRemaining()) {
            return Status.NEEDS_INPUT;
        }
        writeRecords(in, out);
        return in.hasRemaining() ? Status.NEEDS_OUTPUT_ROOM : Status.OK;
    }

    /** Moves our pending ciphertext into {@code out}; true when none is left. */
    private boolean flushOutput(ByteBuffer out) {
        int pending = closeBytesLeft >= 0 ? closeBytesLeft : protocol.getAvailableOutputBytes();
        int n = Math.min(pending, out.remaining());
        if (n > 0) {
            protocol.readOutput(out, n);
            if (closeBytesLeft > 0) {
                closeBytesLeft -= n;
            }
            releaseIfDrained();
        }
        return n == pending;
    }

    /**
     * Full records while they fit; a shorter one only when not even one full record fits, so a
     * small {@code out} still makes progress. AEAD overhead does not depend on the length. A
     * stream of full records keeps BC's output array; a shorter one, the end of a message, gives
     * it back.
     */
    private void writeRecords(ByteBuffer in, ByteBuffer out) throws IOException {
        boolean first = true;
        int chunk = MAX_PLAINTEXT;
        while (in.hasRemaining()) {
            chunk = Math.min(in.remaining(), protocol.getApplicationDataLimit());
            int overhead = protocol.previewOutputRecord(chunk).getRecordSize() - chunk;
            if (chunk + overhead > out.remaining()) {
                if (!first || out.remaining() <= overhead) {
                    return;
                }
                chunk = out.remaining() - overhead;
            }
            byte[] plaintext = Scratch.get(chunk);
            in.get(plaintext, 0, chunk);
            protocol.writeApplicationData(plaintext, 0, chunk);
            protocol.readOutput(out, protocol.getAvailableOutputBytes());
            first = false;
        }
        if (chunk < MAX_PLAINTEXT) {
            releaseIfDrained();
        }
    }

    /** An idle connection should hold no output array: BC's queue keeps the largest it ever needed. */
    private void releaseIfDrained() {
        if (protocol.getAvailableOutputBytes() == 0) {
            halfCloseable.releaseEmptyOutput();
        }
    }

    /**
     * Defers the failure when this call already produced bytes, so they reach the caller first; the
     * caller comes back for more because it got output. Consumed input alone is no reason to defer:
     * a caller with no more input would never call again to hear of the failure.
     */
    private Status fail(IOException e, boolean produced) throws TlsException {
        TlsException mapped = BcFailures.toTlsException(e, state.isHandshakeComplete());
        if (produced) {
            pendingFailure = mapped;
            return Status.OK;
        }
        failure = mapped;
        throw mapped;
    }

    private void throwIfFailed() throws TlsException {
        if (pendingFailure != null) {
            failure = pendingFailure;
            pendingFailure = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean wantsWrap() {
        return closeBytesLeft >= 0 ? closeBytesLeft > 0 : protocol.getAvailableOutputBytes() > 0;
    }

    @Override
    public boolean isHandshakeComplete() {
        return state.isHandshakeComplete();
    }

    @Override
    public boolean isInboundDone() {
        return state.closeNotifyReceived();
    }

    /**
     * After the handshake: close_notify with the input left open. During it, BC's own close
     * (user_canceled then close_notify, RFC 8446 section 6.1). Bytes already queued go first.
     */
    @Override
    public void closeOutbound() {
        if (closeBytesLeft >= 0) {
            return;
        }
        try {
            if (!protocol.isClosed()) {
                if (state.isHandshakeComplete()) {
                    halfCloseable.sendCloseNotify();
                } else {
                    protocol.close();
                }
            }
        } catch (IOException e) {
            pendingFailure = BcFailures.toTlsException(e, state.isHandshakeComplete());
        }
        closeBytesLeft = protocol.getAvailableOutputBytes();
    }

    @Override
    public boolean isOutboundDone() {
        return closeBytesLeft == 0
                || (closeBytesLeft < 0 && protocol.isClosed() && protocol.getAvailableOutputBytes() == 0);
    }

    @Override
    public int plaintextRoom() {
        return MAX_PLAINTEXT;
    }

    /**
     * Whole records only ever reach BC, so a partial record is in {@code leftover}; BC's
     * {@code closeInput} tells a missing close_notify ({@link TlsNoCloseNotifyException}, caught
     * first because it extends EOFException) from anything else it holds.
     */
    @Override
    public InputEnd inputEnded(ByteBuffer leftover) {
        if (state.closeNotifyReceived()) {
            return InputEnd.CLOSE_NOTIFY;
        }
        if (leftover.hasRemaining()) {
            return InputEnd.INSIDE_RECORD;
        }
        try {
            protocol.closeInput();
        } catch (TlsNoCloseNotifyException e) {
            return InputEnd.BETWEEN_RECORDS;
        } catch (EOFException e) {
            return InputEnd.INSIDE_RECORD;
        } catch (IOException e) {
            // BC says handshake_failure when the input ends before the handshake completed.
            return InputEnd.BETWEEN_RECORDS;
        }
        return InputEnd.BETWEEN_RECORDS;
    }

    @Override
    public @Nullable TlsSession session() {
        return state.session();
    }

    /** BC's protocol holds only heap memory and no threads or handles: there is nothing to free. */
    @Override
    public void close() {
    }
}
