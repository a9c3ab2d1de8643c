package dev.meerkat.tls.openssl.jna;

import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsException.Kind;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.OpenSslFamilyEngine;
import dev.meerkat.tls.spi.PeerChecks;
import dev.meerkat.tls.spi.RecordBoundaryTracker;
import dev.meerkat.tls.spi.ServerNames;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import dev.meerkat.tls.spi.TlsResult.Status;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@link TlsEngine} over one OpenSSL SSL with two memory BIOs: ciphertext from the peer is written
 * into the read BIO, SSL_read and SSL_write do the rest, and what OpenSSL wants to send is read from
 * the write BIO. What OpenSSL does not do by itself, this class adds:
 * <ul>
 * <li>Bounded buffering: ciphertext enters the read BIO only when OpenSSL asks for more (WANT_READ),
 *     at most one record's worth at a time, so a full {@code out} never makes it hoard input.</li>
 * <li>End of input: OpenSSL takes partial records into its own buffer and reports the same error
 *     (SSL_R_UNEXPECTED_EOF_WHILE_READING) for a cut record and a missing close_notify, so a
 *     {@link RecordBoundaryTracker} follows the record headers of every byte fed in.</li>
 * <li>Certificates are decided by the config's shared {@link dev.meerkat.tls.PeerVerifier}, called
 *     from OpenSSL's verify callback; its exception, with its kind, is the one unwrap throws.</li>
 * <li>Idle memory: after each call, once the handshake is complete, drained BIOs are swapped for
 *     fresh ones ({@link MemoryBios}), since a memory BIO never shrinks.</li>
 * </ul>
 * Not thread-safe: one thread drives an engine at a time, as the core does.
 */
final class OpenSslJnaEngine extends OpenSslFamilyEngine {

    private static final System.Logger LOG = System.getLogger(OpenSslJnaEngine.class.getName());

    /** The largest record (RFC 5246 section 6.2.3): header plus 2^14 + 2048; the most fed in at once. */
    private static final int FEED_LIMIT = 5 + MAX_PLAINTEXT + 2048;
    /** Room a record needs beyond its plaintext: header, explicit IV or nonce, MAC or tag, CBC padding. */
    private static final int RECORD_OVERHEAD = 128;
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

    private boolean handshakeStarted;
    private boolean shutdownSent;
    private boolean closed;
    private TlsException failure;
    private TlsException verificationFailure;
    private TlsSession session;

    private OpenSslJnaEngine(OpenSslJnaContext context, Pointer ssl, MemoryBios bios, String peerHost, int peerPort)
            throws TlsException {
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

    /**
     * Runs the handshake, then decrypts records while {@code out} has room, feeding ciphertext from
     * {@code in} only when OpenSSL needs more. Plaintext that precedes close_notify in the same call
     * is returned with OK; the next call returns CLOSED.
     */
    @Override
    public TlsResult unwrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        checkUsable();
        if (inboundDone) {
            return TlsResult.of(Status.CLOSED, 0, 0);
        }
        OpenSslErrorQueue.clear();
        int inStart = in.position();
        int outStart = out.position();
        Step step;
        do {
            step = handshakeComplete ? readRecord(in, out) : handshake();
            if (step == Step.WANT_INPUT && feed(in) > 0) {
                step = Step.PROGRESS;
            }
        } while (step == Step.PROGRESS);
        releaseDrainedBios();
        int produced = out.position() - outStart;
        return TlsResult.of(unwrapStatus(step, produced), in.position() - inStart, produced);
    }

    private Step handshake() throws TlsException {
        handshakeStarted = true;
        int result = LibSsl.SSL_do_handshake(ssl);
        if (result == 1) {
            handshakeComplete = true;
            session = SessionReader.read(ssl, config.isClient());
            return Step.PROGRESS;
        }
        int error = LibSsl.SSL_get_error(ssl, result);
        if (error == LibSsl.SSL_ERROR_WANT_READ) {
            return Step.WANT_INPUT;
        }
        throw fail(error);
    }

    private Step readRecord(ByteBuffer in, ByteBuffer out) throws TlsException {
        if (!out.hasRemaining()) {
            return in.hasRemaining() || holdsInput() ? Step.OUTPUT_FULL : Step.WANT_INPUT;
        }
        int n = NativeIo.fill(out, Integer.MAX_VALUE, sslRead);
        if (n > 0) {
            return Step.PROGRESS;
        }
        int error = LibSsl.SSL_get_error(ssl, n);
        if (error == LibSsl.SSL_ERROR_WANT_READ) {
            return Step.WANT_INPUT;
        }
        if (error == LibSsl.SSL_ERROR_ZERO_RETURN) {
            inboundDone = true;
            return Step.CLOSED;
        }
        throw fail(error);
    }

    /** True when ciphertext already fed in, or plaintext made from it, waits inside OpenSSL. */
    private boolean holdsInput() {
        return LibSsl.SSL_has_pending(ssl) == 1 || bios.pendingInput() > 0;
    }

    /** Moves at most one record's worth of ciphertext into the read BIO; returns the count. */
    private int feed(ByteBuffer in) throws TlsException {
        if (!in.hasRemaining()) {
            return 0;
        }
        int start = in.position();
        int n = NativeIo.drain(in, FEED_LIMIT, bioWrite);
        if (n <= 0) {
            throw new TlsException(Kind.PROTOCOL, "BIO_write of " + Math.min(in.remaining(), FEED_LIMIT)
                    + " bytes into the read BIO failed: " + OpenSslErrorQueue.drainText());
        }
        records.update(in.duplicate().position(start).limit(start + n));
        return n;
    }

    /**
     * Pending handshake, alert and close_notify bytes first; then, once the handshake is complete,
     * one record per loop from {@code in} while {@code out} has room for it.
     */
    @Override
    public TlsResult wrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        checkOpen();
        OpenSslErrorQueue.clear();
        int inStart = in.position();
        int outStart = out.position();
        Status status = produce(in, out);
        releaseDrainedBios();
        return wrapResult(status, in.position() - inStart, out.position() - outStart);
    }

    private Status produce(ByteBuffer in, ByteBuffer out) throws TlsException {
        if (!flush(out)) {
            return Status.NEEDS_OUTPUT_ROOM;
        }
        if (failure != null || outboundDone) {
            // After a fatal alert there is no close_notify to come.
            outboundDone = true;
            return Status.CLOSED;
        }
        if (closeRequested) {
            return handshakeComplete ? sendCloseNotify(out) : abandonHandshake();
        }
        if (!handshakeComplete && handshake() != Step.PROGRESS) {
            return flush(out) ? Status.NEEDS_INPUT : Status.NEEDS_OUTPUT_ROOM;
        }
        return writeRecords(in, out);
    }

    private Status writeRecords(ByteBuffer in, ByteBuffer out) throws TlsException {
        if (!in.hasRemaining()) {
            return Status.NEEDS_INPUT;
        }
        while (in.hasRemaining() && out.remaining() > RECORD_OVERHEAD) {
            int n = NativeIo.drain(in, Math.min(MAX_PLAINTEXT, out.remaining() - RECORD_OVERHEAD), sslWrite);
            if (n <= 0) {
                throw fail(LibSsl.SSL_get_error(ssl, n));
            }
            if (!flush(out)) {
                break;
            }
        }
        return in.hasRemaining() ? Status.NEEDS_OUTPUT_ROOM : Status.OK;
    }

    private Status sendCloseNotify(ByteBuffer out) {
        if (!shutdownSent) {
            shutdownSent = true;
            if (LibSsl.SSL_shutdown(ssl) < 0) {
                LOG.log(Level.DEBUG, () -> "SSL_shutdown failed: " + OpenSslErrorQueue.drainText());
            }
        }
        if (!flush(out)) {
            return Status.NEEDS_OUTPUT_ROOM;
        }
        outboundDone = true;
        return Status.CLOSED;
    }

    /** OpenSSL refuses SSL_shutdown during a handshake (SHUTDOWN_WHILE_IN_INIT): nothing is sent. */
    private Status abandonHandshake() {
        outboundDone = true;
        return Status.CLOSED;
    }

    /** Moves what the write BIO holds into {@code out}; true when the BIO is empty afterwards. */
    private boolean flush(ByteBuffer out) {
        while (out.hasRemaining()) {
            int asked = Math.min(out.remaining(), NativeIo.SCRATCH_SIZE);
            int n = NativeIo.fill(out, Integer.MAX_VALUE, bioRead);
            if (n < asked) {
                return true;
            }
        }
        return pendingCiphertext() == 0;
    }

    private long pendingCiphertext() {
        return bios.pendingOutput();
    }

    /** An idle connection should hold no empty BIO buffers; during the handshake they stay as they are. */
    private void releaseDrainedBios() {
        if (handshakeComplete) {
            bios.releaseDrained();
        }
    }

    @Override
    public boolean wantsWrap() {
        if (closed) {
            return false;
        }
        boolean clientHelloDue = config.isClient() && !handshakeStarted && failure == null && !closeRequested;
        return clientHelloDue || (closeRequested && !outboundDone) || pendingCiphertext() > 0;
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
        if (closed || failure != null) {
            return truncation;
        }
        OpenSslErrorQueue.clear();
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
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
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
        if (handshakeComplete && failure == null) {
            LibSsl.SSL_set_shutdown(ssl, LibSsl.SSL_get_shutdown(ssl) | LibSsl.SSL_SENT_SHUTDOWN);
        }
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
        try {
            verificationFailure = PeerChecks.check(config, X509Codec.fromStack(chainStack), verifiedHost);
        } catch (TlsException e) {
            verificationFailure = e;
        }
        return verificationFailure == null ? 0 : VerifyErrors.x509ErrorFor(verificationFailure.kind());
    }

    /** The failure behind an SSL_get_error code, remembered so that later calls report the same. */
    private TlsException fail(int sslError) {
        List<OpenSslErrorQueue.Entry> errors = OpenSslErrorQueue.drain();
        if (verificationFailure != null) {
            failure = verificationFailure;
        } else if (errors.stream().anyMatch(e -> e.isSsl(OpenSslErrorQueue.SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE))) {
            failure = PeerChecks.missingClientCertificate(config, OpenSslErrorQueue.classify(errors, sslError, "server"));
        } else {
            failure = OpenSslErrorQueue.classify(errors, sslError, config.isClient() ? "client" : "server");
        }
        return failure;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("expected an open " + OpenSslJnaProvider.NAME + " engine but it is closed");
        }
    }

    private void checkUsable() throws TlsException {
        checkOpen();
        if (failure != null) {
            throw failure;
        }
    }
}
