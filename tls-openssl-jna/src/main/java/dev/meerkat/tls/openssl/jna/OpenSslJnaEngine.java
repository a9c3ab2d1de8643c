package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.PeerChecks;
import dev.meerkat.tls.spi.RecordBoundaryTracker;
import dev.meerkat.tls.spi.RecordLoopEngine;
import dev.meerkat.tls.spi.ServerNames;
import dev.meerkat.tls.spi.TlsEngine;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@link TlsEngine} over one OpenSSL SSL with two memory BIOs: ciphertext from the peer is written
 * into the read BIO, SSL_read and SSL_write do the rest, and what OpenSSL wants to send is read from
 * the write BIO. What OpenSSL does not do by itself, this class adds:
 * <ul>
 * <li>Bounded buffering: ciphertext enters the read BIO only when OpenSSL asks for more (WANT_READ),
 *     one record at a time, cut at the record's end, so a full {@code out} never makes it hoard input.</li>
 * <li>Two native calls per record each way (BIO_write and SSL_read; SSL_write and BIO_read): no call
 *     is made whose answer is known. After a WANT_READ, or after SSL_read gave less than asked of a
 *     record fed whole, the read BIO is empty and OpenSSL holds nothing: it is not asked again, nor
 *     is the BIO's pending count. 64 KiB BIO batches were tried and saved no CPU (a memory BIO
 *     grows by clearing realloc and is cleansed when freed; docs/benchmarks.md, run L).</li>
 * <li>End of input: OpenSSL takes partial records into its own buffer and reports the same error
 *     (SSL_R_UNEXPECTED_EOF_WHILE_READING) for a cut record and a missing close_notify, so a
 *     {@link RecordBoundaryTracker} follows the record headers of every byte fed in.</li>
 * <li>Certificates are decided by the config's shared {@link dev.meerkat.tls.PeerVerifier}, called
 *     from OpenSSL's verify callback; its exception, with its kind, is the one unwrap throws.</li>
 * <li>Idle memory: after each call, once the handshake is complete, drained BIOs that grew past a
 *     few hundred bytes are swapped for fresh ones ({@link MemoryBios}), since a memory BIO never shrinks.</li>
 * </ul>
 * Not thread-safe: one thread drives an engine at a time, as the core does.
 */
final class OpenSslJnaEngine extends RecordLoopEngine {

    private static final System.Logger LOG = System.getLogger(OpenSslJnaEngine.class.getName());

    /** The largest record (RFC 5246 section 6.2.3): header plus 2^14 + 2048; the most fed in at once. */
    private static final int FEED_LIMIT = 5 + MAX_PLAINTEXT + 2048;
    /** Reads at end of input before giving up on an engine that keeps returning data. */
    private static final int MAX_EOF_READS = 64;

    private final OpenSslJnaContext context;
    private final TlsConfig config;
    private final Pointer ssl;
    private final MemoryBios bios;
    private final String verifiedHost;
    private final String sessionKey;
    private final RecordBoundaryTracker records = new RecordBoundaryTracker();
    private final NativeIo.Transfer sslRead;
    private final NativeIo.Transfer sslWrite;
    private final NativeIo.Transfer bioRead;
    private final NativeIo.Transfer bioWrite;

    private TlsSession session;
    /** The read BIO is empty and OpenSSL holds no record: until ciphertext is fed, it would answer WANT_READ. */
    private boolean starved;
    /** The last feed ended on a record boundary: a short SSL_read then delivered all of it. */
    private boolean fedWholeRecords;
    /**
     * The write BIO was read dry, or found empty, since OpenSSL last ran: until the next SSL call
     * (any of which may queue a record, an alert or a KeyUpdate answer) it need not be asked again.
     */
    private boolean outputDrained;
    /** This thread's OpenSSL error queue was cleared in the current call: SSL_get_error needs it empty before an SSL call. */
    private boolean errorsCleared;

    private OpenSslJnaEngine(OpenSslJnaContext context, Pointer ssl, MemoryBios bios, String peerHost, int peerPort)
            throws TlsException {
        super(OpenSslJnaProvider.NAME, context.config().isClient());
        this.context = context;
        this.config = context.config();
        this.ssl = ssl;
        this.bios = bios;
        this.verifiedHost = config.serverName() != null ? config.serverName() : peerHost;
        this.sessionKey = config.isClient() && verifiedHost != null ? verifiedHost + ":" + peerPort : null;
        this.sslRead = (address, length) -> LibSsl.SSL_read(ssl, address, length);
        this.sslWrite = (address, length) -> LibSsl.SSL_write(ssl, address, length);
        this.bioRead = bios::readOutput;
        this.bioWrite = bios::writeInput;
        if (config.isClient()) {
            LibSsl.SSL_set_connect_state(ssl);
            requestServerName();
            context.sessions().resume(sessionKey, ssl);
        } else {
            LibSsl.SSL_set_accept_state(ssl);
        }
        NativeCallbacks.register(ssl, this);
    }

    /** A new engine on {@code sslContext}; on failure every native object made so far is freed. */
    static OpenSslJnaEngine create(OpenSslJnaContext context, Pointer sslContext, String peerHost, int peerPort)
            throws TlsException {
        OpenSslErrorQueue.clear();
        Pointer ssl = LibSsl.SSL_new(sslContext);
        if (ssl == null) {
            throw new TlsException(Kind.CONFIGURATION, "SSL_new failed: " + OpenSslErrorQueue.drainText());
        }
        try {
            return new OpenSslJnaEngine(context, ssl, MemoryBios.attach(ssl), peerHost, peerPort);
        } catch (TlsException | RuntimeException e) {
            LibSsl.SSL_free(ssl);
            throw e;
        }
    }

    /** RFC 6066 section 3: SNI carries DNS names only, never IP literals. SSL_set_tlsext_host_name is a macro. */
    private void requestServerName() throws TlsException {
        if (verifiedHost == null || ServerNames.isIpLiteral(verifiedHost)) {
            return;
        }
        if (LibSsl.SSL_ctrl(ssl, LibSsl.SSL_CTRL_SET_TLSEXT_HOSTNAME, LibSsl.TLSEXT_NAMETYPE_HOST_NAME, verifiedHost) != 1) {
            throw new TlsException(Kind.CONFIGURATION, "OpenSSL refused the server name '" + verifiedHost + "': "
                    + OpenSslErrorQueue.drainText());
        }
    }

    @Override
    protected void beginUnwrap(ByteBuffer in) {
        errorsCleared = false;
    }

    @Override
    protected void beginWrap(ByteBuffer out) {
        errorsCleared = false;
    }

    /**
     * Clears the error queue once per call, before its first SSL call: a call that makes none (the
     * core's unwrap after the one that delivered a request finds the engine starved) makes no native call.
     */
    private void clearErrors() {
        if (!errorsCleared) {
            errorsCleared = true;
            OpenSslErrorQueue.clear();
        }
    }

    /** An idle connection should hold no grown BIO buffers; during the handshake they stay as they are. */
    @Override
    protected void end() {
        if (handshakeComplete) {
            bios.releaseDrained(starved, outputDrained);
        }
    }

    @Override
    protected Step handshakeStep() throws TlsException {
        if (starved) {
            return Step.WANT_INPUT;
        }
        clearErrors();
        outputDrained = false;
        int result = LibSsl.SSL_do_handshake(ssl);
        if (result == 1) {
            handshakeComplete = true;
            session = SessionReader.read(ssl, config.isClient());
            return Step.PROGRESS;
        }
        int error = LibSsl.SSL_get_error(ssl, result);
        if (error == LibSsl.SSL_ERROR_WANT_READ) {
            starved = true;
            return Step.WANT_INPUT;
        }
        throw failureOf(error);
    }

    @Override
    protected Step readStep(ByteBuffer out) throws TlsException {
        if (starved) {
            return Step.WANT_INPUT;
        }
        int asked = Math.min(out.remaining(), NativeIo.SCRATCH_SIZE);
        clearErrors();
        int n = NativeIo.fill(out, Integer.MAX_VALUE, sslRead);
        if (n > 0) {
            // SSL_read returns one record's plaintext at most: less than asked means it gave all of it.
            // OpenSSL holds at most the one record fed in, so this SSL_read read application data and
            // wrote nothing: a KeyUpdate, a HelloRequest or an alert would have ended in WANT_READ below.
            starved = fedWholeRecords && n < asked;
            return Step.PROGRESS;
        }
        outputDrained = false;
        int error = LibSsl.SSL_get_error(ssl, n);
        if (error == LibSsl.SSL_ERROR_WANT_READ) {
            starved = true;
            return Step.WANT_INPUT;
        }
        if (error == LibSsl.SSL_ERROR_ZERO_RETURN) {
            return Step.CLOSED;
        }
        throw failureOf(error);
    }

    /** True when ciphertext already fed in, or plaintext made from it, waits inside OpenSSL. */
    @Override
    protected boolean holdsInput() {
        return LibSsl.SSL_has_pending(ssl) == 1 || bios.pendingInput() > 0;
    }

    /**
     * Moves ciphertext into the read BIO in one BIO_write: up to the end of the record it starts
     * or continues, which the record tracker and the next header tell, and at most one record's
     * worth. The tracker sees the bytes through a narrowed limit rather than a slice, so that no
     * call allocates. Returns the count.
     */
    @Override
    protected int feed(ByteBuffer in) throws TlsException {
        int length = Math.min(Math.min(in.remaining(), FEED_LIMIT), toRecordEnd(in));
        if (length == 0) {
            return 0;
        }
        int limit = in.limit();
        in.limit(in.position() + length);
        records.update(in);
        int n = NativeIo.drain(in, length, bioWrite);
        in.limit(limit);
        if (n != length) {
            throw new TlsException(Kind.PROTOCOL, "BIO_write of " + length + " bytes into the read BIO wrote " + n
                    + ": " + OpenSslErrorQueue.drainText());
        }
        starved = false;
        fedWholeRecords = records.atRecordBoundary();
        return n;
    }

    /** Bytes from {@code in}'s position to the end of the current record; all of them when its header is not there yet. */
    private int toRecordEnd(ByteBuffer in) {
        if (!records.atRecordBoundary()) {
            return records.missingBytes();
        }
        if (in.remaining() < RecordBoundaryTracker.HEADER_LENGTH) {
            return in.remaining();
        }
        return RecordBoundaryTracker.HEADER_LENGTH + (in.getShort(in.position() + 3) & 0xffff);
    }

    @Override
    protected void writeStep(ByteBuffer in, int length) throws TlsException {
        clearErrors();
        outputDrained = false;
        int n = NativeIo.drain(in, length, sslWrite);
        if (n <= 0) {
            throw failureOf(LibSsl.SSL_get_error(ssl, n));
        }
    }

    @Override
    protected void shutdown() {
        clearErrors();
        outputDrained = false;
        if (LibSsl.SSL_shutdown(ssl) < 0) {
            LOG.log(Level.DEBUG, () -> "SSL_shutdown failed: " + OpenSslErrorQueue.drainText());
        }
    }

    /** Moves what the write BIO holds into {@code out}; true when the BIO is empty afterwards. */
    @Override
    protected boolean flush(ByteBuffer out) {
        while (!outputDrained && out.hasRemaining()) {
            int asked = Math.min(out.remaining(), NativeIo.SCRATCH_SIZE);
            int n = NativeIo.fill(out, Integer.MAX_VALUE, bioRead);
            // A memory BIO gives less than asked only when it holds less.
            outputDrained = n < asked;
        }
        return !hasPendingOutput();
    }

    /** Asks the write BIO only when OpenSSL ran since it was last found empty: the core asks after every event. */
    @Override
    protected boolean hasPendingOutput() {
        if (!outputDrained) {
            outputDrained = bios.pendingOutput() == 0;
        }
        return !outputDrained;
    }

    /**
     * Marks the read BIO at EOF (BIO_set_mem_eof_return(rbio, 0)) and reads until OpenSSL stops: a
     * close_notify still inside gives CLOSE_NOTIFY; otherwise the first error is
     * SSL_R_UNEXPECTED_EOF_WHILE_READING for both truncations, and the record tracker (and the
     * leftover) tell a cut record apart from a stream that stopped between records.
     */
    @Override
    public InputEnd inputEnded(ByteBuffer leftover) {
        if (inboundDone) {
            return InputEnd.CLOSE_NOTIFY;
        }
        InputEnd truncation = records.truncation(leftover);
        if (isClosed() || hasFailed()) {
            return truncation;
        }
        OpenSslErrorQueue.clear();
        outputDrained = false;
        bios.markInputEnded();
        return readsCloseNotifyAtEof() ? InputEnd.CLOSE_NOTIFY : truncation;
    }

    private boolean readsCloseNotifyAtEof() {
        for (int i = 0; i < MAX_EOF_READS; i++) {
            int n = LibSsl.SSL_read(ssl, NativeIo.discardAddress(), NativeIo.SCRATCH_SIZE);
            if (n > 0) {
                LOG.log(Level.WARNING, "discarded {0} plaintext bytes at end of input: inputEnded was called "
                        + "before unwrap had delivered everything", n);
                continue;
            }
            int error = LibSsl.SSL_get_error(ssl, n);
            if (error == LibSsl.SSL_ERROR_ZERO_RETURN) {
                inboundDone = true;
                return true;
            }
            List<OpenSslErrorQueue.Entry> errors = OpenSslErrorQueue.drain();
            boolean expected = errors.stream().anyMatch(e -> e.isSsl(OpenSslErrorQueue.SSL_R_UNEXPECTED_EOF_WHILE_READING));
            LOG.log(expected ? Level.DEBUG : Level.INFO, () -> "end of input without close_notify: "
                    + OpenSslErrorQueue.describe(errors));
            return false;
        }
        return false;
    }

    @Override
    public TlsSession session() {
        return session;
    }

    @Override
    protected void free() {
        NativeCallbacks.unregister(ssl);
        keepSessionResumable();
        LibSsl.SSL_free(ssl);
        context.engineFreed();
    }

    /**
     * SSL_free marks the session of a connection that did not send close_notify as not resumable
     * (ssl_clear_bad_session). Like the JDK, this provider gives up a session only after a fatal
     * error: a connection the core closes without close_notify, or one the peer truncated, leaves its
     * keys as safe as before. Setting SSL_SENT_SHUTDOWN sends nothing; it only skips that rule.
     */
    private void keepSessionResumable() {
        if (handshakeComplete && !hasFailed()) {
            LibSsl.SSL_set_shutdown(ssl, LibSsl.SSL_get_shutdown(ssl) | LibSsl.SSL_SENT_SHUTDOWN);
        }
    }

    MemoryBios bios() {
        return bios;
    }

    OpenSslJnaContext context() {
        return context;
    }

    String sessionKey() {
        return sessionKey;
    }

    /**
     * Called by OpenSSL's verify callback with the peer's chain (a STACK_OF(X509), leaf first).
     * Returns 0 to accept, else the X509_V_ERR code whose alert tells the peer why.
     */
    int verifyPeer(Pointer chainStack) {
        TlsException failure;
        try {
            failure = PeerChecks.check(config, X509Codec.fromStack(chainStack), verifiedHost);
        } catch (TlsException e) {
            failure = e;
        }
        verified(failure);
        return failure == null ? 0 : VerifyErrors.x509ErrorFor(failure.kind());
    }

    /** The failure behind an SSL_get_error code (a verifier's rejection wins over it: see {@link #verified}). */
    private TlsException failureOf(int sslError) {
        List<OpenSslErrorQueue.Entry> errors = OpenSslErrorQueue.drain();
        if (errors.stream().anyMatch(e -> e.isSsl(OpenSslErrorQueue.SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE))) {
            return PeerChecks.missingClientCertificate(config, OpenSslErrorQueue.classify(errors, sslError, "server"));
        }
        return OpenSslErrorQueue.classify(errors, sslError, config.isClient() ? "client" : "server");
    }
}
