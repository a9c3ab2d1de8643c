package dev.meerkat.tls.spi;

import dev.meerkat.tls.TlsException;
import java.nio.ByteBuffer;

/**
 * The unwrap and wrap loops of an engine that calls its C library once per step and keeps the
 * ciphertext it sends outside the caller's buffer until there is room ({@code openssl-jna}'s write
 * BIO, {@code mbedtls}'s pending output). This class decides the order (pending bytes, then the
 * handshake, then records or close_notify), the statuses and the failure that every later call
 * reports; a subclass supplies only its library's calls, each one step.
 *
 * <p>Not thread-safe: one thread drives an engine at a time, as the core does.
 */
public abstract class RecordLoopEngine extends OpenSslFamilyEngine {

    /** Room a record needs beyond its plaintext: header, explicit IV or nonce, MAC or tag, CBC padding. */
    private static final int RECORD_OVERHEAD = 128;

    private final String provider;
    private final boolean client;
    private boolean handshakeStarted;
    private boolean shutdownSent;
    private boolean closed;
    private TlsException failure;
    private TlsException verificationFailure;

    /**
     * An engine before its handshake.
     *
     * @param provider the provider's name, for error messages
     * @param client   true for the side that sends the first handshake message
     */
    protected RecordLoopEngine(String provider, boolean client) {
        this.provider = provider;
        this.client = client;
    }

    /**
     * One call of the library's handshake; on completion the subclass sets {@link #handshakeComplete}.
     *
     * @return PROGRESS when the handshake completed or took input, WANT_INPUT when it needs more
     * @throws TlsException when the handshake failed
     */
    protected abstract Step handshakeStep() throws TlsException;

    /**
     * One call of the library's record read into {@code out}, which has room.
     *
     * @param out room for plaintext; its position moves past what was produced
     * @return PROGRESS when it produced plaintext or took input, WANT_INPUT, or CLOSED on close_notify
     * @throws TlsException when the record failed
     */
    protected abstract Step readStep(ByteBuffer out) throws TlsException;

    /** {@return true when ciphertext already taken in, or plaintext made from it, waits inside the library} */
    protected abstract boolean holdsInput();

    /**
     * Hands the library ciphertext from {@code in} after it asked for more, for a library that does
     * not pull its input itself.
     *
     * @param in ciphertext from the peer; its position moves past what was handed over
     * @return the bytes handed over, 0 when none
     * @throws TlsException when the library refused them
     */
    protected abstract int feed(ByteBuffer in) throws TlsException;

    /**
     * One call of the library's record write.
     *
     * @param in     plaintext; its position moves past what was encrypted
     * @param length how many bytes of {@code in} to encrypt, at least 1
     * @throws TlsException when the write failed
     */
    protected abstract void writeStep(ByteBuffer in, int length) throws TlsException;

    /**
     * Moves the ciphertext the library made into {@code out}, as much as fits.
     *
     * @param out room for ciphertext; its position moves past what was moved
     * @return true when none is left behind
     */
    protected abstract boolean flush(ByteBuffer out);

    /** {@return true when ciphertext waits to be moved out by {@link #flush}} */
    protected abstract boolean hasPendingOutput();

    /**
     * Makes the library write close_notify, once the handshake is complete.
     *
     * @throws TlsException when the library failed
     */
    protected abstract void shutdown() throws TlsException;

    /**
     * Called before the steps of an unwrap.
     *
     * @param in the caller's ciphertext for this unwrap
     */
    protected abstract void beginUnwrap(ByteBuffer in);

    /**
     * Called before the steps of a wrap.
     *
     * @param out the caller's room for ciphertext for this wrap
     */
    protected abstract void beginWrap(ByteBuffer out);

    /** Called after the steps of an unwrap or a wrap, also when one threw. */
    protected abstract void end();

    /** Frees the library's objects; called once, by the first {@link #close()}. */
    protected abstract void free();

    /**
     * Runs the handshake, then decrypts records while {@code out} has room. Plaintext that precedes
     * close_notify in the same call is returned with OK; the next call returns CLOSED.
     */
    @Override
    public final TlsResult unwrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        checkOpen();
        if (failure != null) {
            throw failure;
        }
        if (inboundDone) {
            return TlsResult.of(TlsResult.Status.CLOSED, 0, 0);
        }
        int inStart = in.position();
        int outStart = out.position();
        Step step;
        beginUnwrap(in);
        try {
            do {
                step = handshakeComplete ? readRecord(in, out) : handshake();
                if (step == Step.WANT_INPUT && feed(in) > 0) {
                    step = Step.PROGRESS;
                }
            } while (step == Step.PROGRESS);
        } catch (TlsException e) {
            throw failed(e);
        } finally {
            end();
        }
        int produced = out.position() - outStart;
        return TlsResult.of(unwrapStatus(step, produced), in.position() - inStart, produced);
    }

    private Step handshake() throws TlsException {
        handshakeStarted = true;
        return handshakeStep();
    }

    private Step readRecord(ByteBuffer in, ByteBuffer out) throws TlsException {
        if (!out.hasRemaining()) {
            return in.hasRemaining() || holdsInput() ? Step.OUTPUT_FULL : Step.WANT_INPUT;
        }
        Step step = readStep(out);
        inboundDone |= step == Step.CLOSED;
        return step;
    }

    /**
     * Pending handshake, alert and close_notify bytes first; then, once the handshake is complete,
     * one record per loop from {@code in} while {@code out} has room for it.
     */
    @Override
    public final TlsResult wrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        checkOpen();
        int inStart = in.position();
        int outStart = out.position();
        TlsResult.Status status;
        beginWrap(out);
        try {
            status = produce(in, out);
        } catch (TlsException e) {
            throw failed(e);
        } finally {
            end();
        }
        return wrapResult(status, in.position() - inStart, out.position() - outStart);
    }

    private TlsResult.Status produce(ByteBuffer in, ByteBuffer out) throws TlsException {
        if (!flush(out)) {
            return TlsResult.Status.NEEDS_OUTPUT_ROOM;
        }
        if (failure != null || outboundDone) {
            // After a fatal alert there is no close_notify to come.
            outboundDone = true;
            return TlsResult.Status.CLOSED;
        }
        if (closeRequested) {
            return handshakeComplete ? sendCloseNotify(out) : abandonHandshake();
        }
        if (!handshakeComplete && handshake() != Step.PROGRESS) {
            return flush(out) ? TlsResult.Status.NEEDS_INPUT : TlsResult.Status.NEEDS_OUTPUT_ROOM;
        }
        return writeRecords(in, out);
    }

    private TlsResult.Status writeRecords(ByteBuffer in, ByteBuffer out) throws TlsException {
        if (!in.hasRemaining()) {
            return TlsResult.Status.NEEDS_INPUT;
        }
        while (in.hasRemaining() && out.remaining() > RECORD_OVERHEAD) {
            writeStep(in, Math.min(Math.min(in.remaining(), MAX_PLAINTEXT), out.remaining() - RECORD_OVERHEAD));
            if (!flush(out)) {
                break;
            }
        }
        return in.hasRemaining() ? TlsResult.Status.NEEDS_OUTPUT_ROOM : TlsResult.Status.OK;
    }

    private TlsResult.Status sendCloseNotify(ByteBuffer out) throws TlsException {
        if (!shutdownSent) {
            shutdownSent = true;
            shutdown();
        }
        if (!flush(out)) {
            return TlsResult.Status.NEEDS_OUTPUT_ROOM;
        }
        outboundDone = true;
        return TlsResult.Status.CLOSED;
    }

    /** OpenSSL and MbedTLS send close_notify only once the handshake is over: nothing is sent. */
    private TlsResult.Status abandonHandshake() {
        outboundDone = true;
        return TlsResult.Status.CLOSED;
    }

    @Override
    public final boolean wantsWrap() {
        if (closed) {
            return false;
        }
        boolean clientHelloDue = client && !handshakeStarted && failure == null && !closeRequested;
        return clientHelloDue || (closeRequested && !outboundDone) || hasPendingOutput();
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            free();
        }
    }

    /**
     * Remembers what the shared peer verifier said from inside the library's verify callback: when
     * the handshake then fails, this is the failure reported, with its kind.
     *
     * @param verification the verifier's failure, or null when it accepted the peer
     */
    protected final void verified(TlsException verification) {
        verificationFailure = verification;
    }

    /** {@return true once an unwrap or a wrap failed: every later unwrap throws the same failure} */
    protected final boolean hasFailed() {
        return failure != null;
    }

    /** {@return true once {@link #close()} was called} */
    protected final boolean isClosed() {
        return closed;
    }

    private TlsException failed(TlsException e) {
        failure = verificationFailure != null ? verificationFailure : e;
        return failure;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("expected an open " + provider + " engine but it is closed");
        }
    }
}
