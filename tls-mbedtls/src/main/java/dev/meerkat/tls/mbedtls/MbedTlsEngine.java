package dev.meerkat.tls.mbedtls;

import com.sun.jna.Memory;
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
import java.nio.ByteBuffer;

/**
 * {@link TlsEngine} over one mbedtls_ssl_context whose I/O functions (mbedtls_ssl_set_bio) are
 * Meerkat's buffers, not a socket: during unwrap the receive function hands MbedTLS bytes of
 * {@code in} and answers MBEDTLS_ERR_SSL_WANT_READ once they are gone; the send function writes
 * into wrap's {@code out}, or into {@link PendingOutput} when there is no room (or no {@code out}:
 * a handshake flight or an alert made during unwrap). What MbedTLS does not do by itself, this
 * class adds:
 * <ul>
 * <li>End of input: MbedTLS reads exactly the record it needs and no further, so every complete
 *     record is processed during unwrap; a {@link RecordBoundaryTracker} over the bytes handed in
 *     tells a cut record from a stream that stopped between records.</li>
 * <li>Certificates are decided by the config's shared {@link dev.meerkat.tls.PeerVerifier}, called
 *     from MbedTLS's verify callback; its exception, with its kind, is the one unwrap throws.</li>
 * <li>A call that consumed input and still wants more (a HelloRequest declined with a
 *     no_renegotiation warning, a warning alert, a record split across calls) is progress: the
 *     loops run until MbedTLS wants bytes that are not there.</li>
 * </ul>
 * Not thread-safe: one thread drives an engine at a time, as the core does.
 */
final class MbedTlsEngine extends RecordLoopEngine {

    /** Plaintext staging for mbedtls_ssl_read and mbedtls_ssl_write, one per thread, used within one call. */
    private static final ThreadLocal<Memory> PLAINTEXT = ThreadLocal.withInitial(() -> new Memory(MAX_PLAINTEXT));

    private final MbedTlsContext context;
    private final TlsConfig config;
    private final Memory ssl;
    private final String verifiedHost;
    private final String sessionKey;
    private final RecordBoundaryTracker records = new RecordBoundaryTracker();
    private final PendingOutput pending = new PendingOutput();
    private final boolean sessionOffered;

    /** The caller's buffers, set only for the length of an unwrap (input) or a wrap (output). */
    private ByteBuffer input;
    private ByteBuffer output;
    private long consumed;

    private boolean certificateSeen;
    private TlsSession session;
    /** Set by {@link TicketParser} on a server when the client's ticket was accepted. */
    private boolean ticketAccepted;

    private MbedTlsEngine(MbedTlsContext context, Memory ssl, String peerHost, int peerPort) throws TlsException {
        super(MbedTlsProvider.NAME, context.config().isClient());
        this.context = context;
        this.config = context.config();
        this.ssl = ssl;
        this.verifiedHost = config.serverName() != null ? config.serverName() : peerHost;
        this.sessionKey = config.isClient() && verifiedHost != null ? verifiedHost + ":" + peerPort : null;
        MbedCallbacks.register(ssl, this);
        LibMbedTls.mbedtls_ssl_set_bio(ssl, ssl, MbedCallbacks.SEND, MbedCallbacks.RECEIVE, null);
        LibMbedTls.mbedtls_ssl_set_verify(ssl, MbedCallbacks.VERIFY, ssl);
        if (config.isClient()) {
            requestServerName();
            this.sessionOffered = context.sessions().resume(sessionKey, ssl);
        } else {
            this.sessionOffered = false;
        }
    }

    /** A new engine on {@code context}'s config; on failure every native object made so far is freed. */
    static MbedTlsEngine create(MbedTlsContext context, String peerHost, int peerPort) throws TlsException {
        Memory ssl = NativeLayout.Struct.SSL_CONTEXT.allocate();
        LibMbedTls.mbedtls_ssl_init(ssl);
        try {
            int result = LibMbedTls.mbedtls_ssl_setup(ssl, context.conf());
            if (result != 0) {
                throw new TlsException(Kind.CONFIGURATION, "mbedtls_ssl_setup failed: " + MbedErrors.text(result));
            }
            return new MbedTlsEngine(context, ssl, peerHost, peerPort);
        } catch (TlsException | RuntimeException e) {
            MbedCallbacks.unregister(ssl);
            LibMbedTls.mbedtls_ssl_free(ssl);
            ssl.close();
            throw e;
        }
    }

    /**
     * RFC 6066 section 3: SNI carries DNS names only, never IP literals. MbedTLS also checks the
     * name against the certificate; the verify callback overrides that with the shared verifier.
     */
    private void requestServerName() throws TlsException {
        if (verifiedHost == null || ServerNames.isIpLiteral(verifiedHost)) {
            return;
        }
        int result = LibMbedTls.mbedtls_ssl_set_hostname(ssl, verifiedHost);
        if (result != 0) {
            throw new TlsException(Kind.CONFIGURATION, "MbedTLS refused the server name '" + verifiedHost + "': "
                    + MbedErrors.text(result));
        }
    }

    /** MbedTLS pulls ciphertext from {@code in} through the receive function while unwrap runs. */
    @Override
    protected void beginUnwrap(ByteBuffer in) {
        input = in;
    }

    /** The send function writes into {@code out} while wrap runs; at other times into pending. */
    @Override
    protected void beginWrap(ByteBuffer out) {
        output = out;
    }

    @Override
    protected void end() {
        input = null;
        output = null;
    }

    @Override
    protected Step handshakeStep() throws TlsException {
        long before = consumed;
        int result = TicketParser.handshake(this, ssl);
        if (result == 0) {
            handshakeComplete = true;
            session = SessionReader.read(ssl, (config.isClient() && sessionOffered && !certificateSeen) || ticketAccepted);
            context.sessions().store(sessionKey, ssl);
            return Step.PROGRESS;
        }
        if (result == LibMbedTls.MBEDTLS_ERR_SSL_WANT_READ) {
            return consumed > before ? Step.PROGRESS : Step.WANT_INPUT;
        }
        throw failureOf(result);
    }

    @Override
    protected Step readStep(ByteBuffer out) throws TlsException {
        long before = consumed;
        Memory plaintext = PLAINTEXT.get();
        int n = LibMbedTls.mbedtls_ssl_read(ssl, plaintext, Math.min(out.remaining(), MAX_PLAINTEXT));
        if (n > 0) {
            out.put(plaintext.getByteBuffer(0, n));
            return Step.PROGRESS;
        }
        if (n == LibMbedTls.MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            return Step.CLOSED;
        }
        if (n == 0 || n == LibMbedTls.MBEDTLS_ERR_SSL_WANT_READ) {
            return consumed > before ? Step.PROGRESS : Step.WANT_INPUT;
        }
        if (n == LibMbedTls.MBEDTLS_ERR_SSL_INVALID_RECORD || n == LibMbedTls.MBEDTLS_ERR_SSL_BAD_INPUT_DATA) {
            // MbedTLS refuses a record longer than its input buffer (BAD_INPUT_DATA from its fetch, as
            // ssl_read's arguments are ours and valid) or its limit without an alert; the other engines
            // send record_overflow (HostileCases), so this one queues it for the next wrap.
            LibMbedTls.mbedtls_ssl_send_alert_message(ssl, LibMbedTls.MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                    LibMbedTls.MBEDTLS_SSL_ALERT_MSG_RECORD_OVERFLOW);
        }
        throw failureOf(n);
    }

    /** True when a record read in, or plaintext made from it, waits inside MbedTLS. */
    @Override
    protected boolean holdsInput() {
        return LibMbedTls.mbedtls_ssl_get_bytes_avail(ssl) > 0 || LibMbedTls.mbedtls_ssl_check_pending(ssl) != 0;
    }

    /** MbedTLS takes its input itself, through the receive function. */
    @Override
    protected int feed(ByteBuffer in) {
        return 0;
    }

    @Override
    protected void writeStep(ByteBuffer in, int length) throws TlsException {
        Memory plaintext = PLAINTEXT.get();
        plaintext.getByteBuffer(0, length).put(in.slice(in.position(), length));
        int n = LibMbedTls.mbedtls_ssl_write(ssl, plaintext, length);
        if (n <= 0) {
            throw failureOf(n);
        }
        in.position(in.position() + n);
    }

    @Override
    protected void shutdown() throws TlsException {
        int result = LibMbedTls.mbedtls_ssl_close_notify(ssl);
        if (result != 0) {
            throw failureOf(result);
        }
    }

    @Override
    protected boolean flush(ByteBuffer out) {
        return pending.drainTo(out);
    }

    @Override
    protected boolean hasPendingOutput() {
        return pending.size() > 0;
    }

    /**
     * MbedTLS processed every whole record during unwrap, close_notify included; what it holds is at
     * most part of one, which the record tracker (and the leftover) see.
     */
    @Override
    public InputEnd inputEnded(ByteBuffer leftover) {
        return inboundDone ? InputEnd.CLOSE_NOTIFY : records.truncation(leftover);
    }

    @Override
    public TlsSession session() {
        return session;
    }

    @Override
    protected void free() {
        MbedCallbacks.unregister(ssl);
        LibMbedTls.mbedtls_ssl_free(ssl);
        ssl.close();
        context.engineFreed();
    }

    /** The receive function: bytes of unwrap's input, else WANT_READ. */
    int receive(Pointer buffer, int length) {
        if (input == null || !input.hasRemaining()) {
            return LibMbedTls.MBEDTLS_ERR_SSL_WANT_READ;
        }
        int n = Math.min(length, input.remaining());
        ByteBuffer bytes = input.slice(input.position(), n);
        records.update(bytes);
        buffer.getByteBuffer(0, n).put(bytes);
        input.position(input.position() + n);
        consumed += n;
        return n;
    }

    /** The send function: into wrap's output while it has room and nothing waits before it, else pending. */
    int send(Pointer buffer, int length) {
        if (output != null && pending.size() == 0 && output.remaining() >= length) {
            output.put(buffer.getByteBuffer(0, length));
        } else {
            pending.append(buffer.getByteArray(0, length));
        }
        return length;
    }

    /**
     * The verify callback, called for each certificate of the chain MbedTLS built, the root end first.
     * The leaf (depth 0) is the head of the list the peer sent, so the shared verifier sees that whole
     * list there; the other depths only clear MbedTLS's own flags. A rejection sets the flag that
     * picks MbedTLS's alert (certificate_expired, bad_certificate, unknown_ca); on a server with
     * optional client authentication, which would ignore flags, it returns an error instead.
     */
    int verify(Pointer crt, int depth, Pointer flags) {
        certificateSeen = true;
        if (depth != 0) {
            flags.setInt(0, 0);
            return 0;
        }
        TlsException failure;
        try {
            failure = PeerChecks.check(config, PeerChain.read(crt), verifiedHost);
        } catch (TlsException e) {
            failure = e;
        }
        verified(failure);
        if (failure == null) {
            flags.setInt(0, 0);
            return 0;
        }
        flags.setInt(0, flagFor(failure.kind()));
        boolean optional = !config.isClient() && config.clientAuth() == TlsConfig.ClientAuth.OPTIONAL;
        return optional ? LibMbedX509.MBEDTLS_ERR_X509_FATAL_ERROR : 0;
    }

    private static int flagFor(Kind kind) {
        return switch (kind) {
            case EXPIRED_CERTIFICATE -> LibMbedX509.MBEDTLS_X509_BADCERT_EXPIRED;
            case HOSTNAME_MISMATCH -> LibMbedX509.MBEDTLS_X509_BADCERT_CN_MISMATCH;
            case UNTRUSTED_CERTIFICATE -> LibMbedX509.MBEDTLS_X509_BADCERT_NOT_TRUSTED;
            default -> LibMbedX509.MBEDTLS_X509_BADCERT_OTHER;
        };
    }

    /** The SNI callback: switches to that name's key material, when the config has some. */
    void serverNameRequested(String name) {
        OwnCertificate own = context.ownCertificateFor(name);
        if (own != null) {
            LibMbedTls.mbedtls_ssl_set_hs_own_cert(ssl, own.chain(), own.key());
        }
    }

    /** The ticket callback: this server handshake resumes the client's session. */
    void ticketAccepted() {
        ticketAccepted = true;
    }

    /** The failure behind an MbedTLS error code (a verifier's rejection wins over it: see {@link #verified}). */
    private TlsException failureOf(int code) {
        if (code == LibMbedTls.MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE) {
            return PeerChecks.missingClientCertificate(config, MbedErrors.classify(code, "server"));
        }
        return MbedErrors.classify(code, config.isClient() ? "client" : "server");
    }
}
