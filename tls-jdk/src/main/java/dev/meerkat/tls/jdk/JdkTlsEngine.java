package dev.meerkat.tls.jdk;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import dev.meerkat.tls.spi.TlsResult.Status;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * {@link TlsEngine} over a SunJSSE {@link SSLEngine}. What SSLEngine does not do by itself, this
 * class adds (facts measured on JDK 17):
 * <ul>
 * <li>SSLEngine unwraps exactly one record per call: {@link #unwrap} loops over every whole record
 *     of the input (Mongoose issue 2668 lost every record but the first of a TCP segment).</li>
 * <li>It keeps no partial record: a cut record stays in the caller's buffer, so
 *     {@link #inputEnded} classifies from the leftover bytes, and never calls closeInbound() before
 *     the core drained every record (that would drop undelivered data).</li>
 * <li>Delegated tasks run inline: an engine owns no thread.</li>
 * <li>The TLS 1.3 NewSessionTicket reports FINISHED a second time; completion is a sticky flag.</li>
 * </ul>
 */
final class JdkTlsEngine implements TlsEngine {

    private static final System.Logger LOG = System.getLogger(JdkTlsEngine.class.getName());
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** SunJSSE's message (JDK 11+, {@code sun.security.ssl.Alert}) for close_notify while a handshake runs. */
    private static final String CLOSE_DURING_HANDSHAKE = "Received close_notify during handshake";

    /** The content type of handshake records (RFC 5246 section 6.2.1). */
    private static final byte HANDSHAKE_RECORD = 22;

    private final SSLEngine engine;
    /** Same clock as SSLSession.getCreationTime(), for {@link #wasResumed}. */
    private final long createdAtMillis = System.currentTimeMillis();
    private boolean handshakeComplete;
    private boolean failed;
    private boolean closeNotifyReceived;
    /** A TLS 1.2 handshake started after the first one: the server asked to renegotiate. */
    private boolean renegotiating;
    private boolean outboundClosed;
    private boolean closed;
    /** The host name check still to run on the server's chain, or null (see {@link HostnameCheck}). */
    private HostnameCheck hostnameCheck;
    /**
     * The SSLSession {@link #described} describes: HTTP asks for the session at every event, and a
     * server's SSLSession without a client certificate throws (with its stack trace) at each
     * getPeerCertificates(). A TLS 1.2 renegotiation brings a new SSLSession, described anew.
     */
    private SSLSession describedSession;
    private TlsSession described;

    JdkTlsEngine(SSLEngine engine, HostnameCheck hostnameCheck) throws TlsException {
        this.engine = engine;
        this.hostnameCheck = hostnameCheck;
        try {
            // Starts the handshake now, so a client reports wantsWrap() for its ClientHello at once.
            engine.beginHandshake();
        } catch (SSLException e) {
            throw SslFailures.toTlsException(e, isServer());
        }
    }

    /**
     * Decrypts every whole record of {@code in} while {@code out} has room. Stops with OK when the
     * handshake needs a {@link #wrap} first. When close_notify follows data in the same call, the
     * data is returned with OK and the next call returns CLOSED, so no caller can mistake the
     * plaintext of that last step for nothing.
     */
    @Override
    public TlsResult unwrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        int consumed = 0;
        int produced = 0;
        while (true) {
            if (closeNotifyReceived) {
                return TlsResult.of(produced > 0 ? Status.OK : Status.CLOSED, consumed, produced);
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                return TlsResult.of(Status.OK, consumed, produced);
            }
            if (!in.hasRemaining()) {
                return TlsResult.of(Status.NEEDS_INPUT, consumed, produced);
            }
            refuseClientRenegotiation(in);
            SSLEngineResult step = unwrapOnce(in, out);
            consumed += step.bytesConsumed();
            produced += step.bytesProduced();
            Status stop = unwrapStopFor(step);
            if (stop != null) {
                return TlsResult.of(stop, consumed, produced);
            }
        }
    }

    /** Null to go on with the next record, else the status to return. */
    private Status unwrapStopFor(SSLEngineResult step) {
        switch (step.getStatus()) {
            case BUFFER_UNDERFLOW:
                return Status.NEEDS_INPUT;
            case BUFFER_OVERFLOW:
                return Status.NEEDS_OUTPUT_ROOM;
            case CLOSED:
                closeNotifyReceived = true;
                return null;
            default:
                boolean moved = step.bytesConsumed() > 0 || step.bytesProduced() > 0
                        || step.getHandshakeStatus() == HandshakeStatus.NEED_TASK;
                return moved ? null : Status.NEEDS_INPUT;
        }
    }

    /**
     * Produces pending handshake, alert and close_notify bytes, then, once the handshake is
     * complete, one record per loop from {@code in} while {@code out} has room for a whole record.
     */
    @Override
    public TlsResult wrap(ByteBuffer in, ByteBuffer out) throws TlsException {
        int consumed = 0;
        int produced = 0;
        while (true) {
            if (engine.isOutboundDone()) {
                return TlsResult.of(Status.CLOSED, consumed, produced);
            }
            boolean sendsData = handshakeComplete && !outboundClosed && in.hasRemaining();
            if (!wantsWrap() && !sendsData) {
                boolean waitsForHandshake = in.hasRemaining() && !handshakeComplete;
                return TlsResult.of(waitsForHandshake ? Status.NEEDS_INPUT : Status.OK, consumed, produced);
            }
            SSLEngineResult step = wrapOnce(sendsData ? in : NO_DATA, out);
            consumed += step.bytesConsumed();
            produced += step.bytesProduced();
            if (step.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                return TlsResult.of(Status.NEEDS_OUTPUT_ROOM, consumed, produced);
            }
            if (step.bytesConsumed() == 0 && step.bytesProduced() == 0
                    && step.getHandshakeStatus() != HandshakeStatus.NEED_TASK) {
                return TlsResult.of(engine.isOutboundDone() ? Status.CLOSED : Status.OK, consumed, produced);
            }
        }
    }

    @Override
    public boolean wantsWrap() {
        return !closed && !engine.isOutboundDone()
                && (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP || outboundClosed);
    }

    @Override
    public boolean isHandshakeComplete() {
        return handshakeComplete;
    }

    @Override
    public boolean isInboundDone() {
        return closeNotifyReceived;
    }

    @Override
    public void closeOutbound() {
        if (!outboundClosed) {
            outboundClosed = true;
            engine.closeOutbound();
        }
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    /**
     * The larger of SSLEngine's application and packet buffer sizes: unwrap needs the first, wrap
     * the second, which is a few bytes larger (16709 against 16704 on JDK 17), and a caller that
     * gives this much room to both never sees a step that cannot progress.
     */
    @Override
    public int plaintextRoom() {
        SSLSession session = engine.getSession();
        return Math.max(session.getApplicationBufferSize(), session.getPacketBufferSize());
    }

    /**
     * Does not call SSLEngine.closeInbound(): without close_notify it queues a fatal internal_error
     * alert and closes outbound, which would replace the close_notify the core may still send.
     * SSLEngine holds no partial record, so {@code leftover} alone shows a cut record.
     */
    @Override
    public InputEnd inputEnded(ByteBuffer leftover) {
        if (closeNotifyReceived) {
            return InputEnd.CLOSE_NOTIFY;
        }
        return leftover.hasRemaining() ? InputEnd.INSIDE_RECORD : InputEnd.BETWEEN_RECORDS;
    }

    @Override
    public TlsSession session() {
        if (!handshakeComplete) {
            return null;
        }
        SSLSession session = engine.getSession();
        if (session != describedSession) {
            described = describe(session);
            describedSession = session;
        }
        return described;
    }

    private TlsSession describe(SSLSession session) {
        String alpn = engine.getApplicationProtocol();
        // Without the group: SSLSession does not say which one the key exchange used.
        return new TlsSession(JdkTlsProvider.NAME, session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? null : alpn, peerCertificates(session), wasResumed(session));
    }

    /**
     * SSLEngine has no resumption flag, but a resumed session keeps the creation time of the
     * handshake that made it (TLS 1.2 session id or ticket, TLS 1.3 PSK alike, measured on JDK 17),
     * which is earlier than this engine; a full handshake makes a session after it.
     */
    private boolean wasResumed(SSLSession session) {
        return session.getCreationTime() < createdAtMillis;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.closeOutbound();
        if (!engine.isInboundDone()) {
            try {
                engine.closeInbound();
            } catch (SSLException e) {
                // Expected when the peer sent no close_notify: the connection is being dropped anyway.
                LOG.log(Level.TRACE, "closeInbound without close_notify", e);
            }
        }
    }

    private SSLEngineResult unwrapOnce(ByteBuffer in, ByteBuffer out) throws TlsException {
        try {
            SSLEngineResult step = afterStep(engine.unwrap(in, out));
            renegotiating |= handshakeComplete && step.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                    && step.getHandshakeStatus() != HandshakeStatus.FINISHED && isTls12();
            return step;
        } catch (SSLException e) {
            if (isCloseDuringRenegotiation(e)) {
                closeNotifyReceived = true;
                return new SSLEngineResult(SSLEngineResult.Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
            }
            failed = true;
            throw SslFailures.toTlsException(e, isServer());
        }
    }

    /**
     * SunJSSE cannot decline a server's TLS 1.2 renegotiation: its HelloRequest consumer always
     * answers with a ClientHello (JDK 17, {@code sun.security.ssl.HelloRequest}), and no property or
     * parameter turns that off on a client. A server that sent HelloRequest and then its data and
     * close_notify, never answering our ClientHello, would make SunJSSE throw "Received close_notify
     * during handshake" after it closed the inbound side; every record before it was delivered. That
     * close_notify is read here as what it is, the peer's clean end (issue 8: every client keeps
     * reading). SunJSSE then sends an unexpected_message alert where the others send close_notify.
     * JDK 25 puts the alert's name before the message ("(unexpected_message) Received ..."), JDK 17
     * does not: the end of the message is compared.
     */
    private boolean isCloseDuringRenegotiation(SSLException e) {
        return renegotiating && engine.isInboundDone() && e.getMessage() != null
                && e.getMessage().endsWith(CLOSE_DURING_HANDSHAKE);
    }

    /**
     * The TLS policy refuses client-initiated renegotiation, but a SunJSSE server accepts it: only the
     * process-wide {@code jdk.tls.rejectClientInitiatedRenegotiation} property, read once when SunJSSE
     * loads, turns that off. So this engine refuses it itself: after a TLS 1.2 handshake a client sends
     * no handshake record but a renegotiating ClientHello, and the record header says so unencrypted.
     */
    private void refuseClientRenegotiation(ByteBuffer in) throws TlsException {
        if (isServer() && handshakeComplete && in.get(in.position()) == HANDSHAKE_RECORD && isTls12()) {
            failed = true;
            engine.closeOutbound();
            throw new TlsException(TlsException.Kind.PROTOCOL, "refused a client-initiated TLS 1.2"
                    + " renegotiation: the TLS policy does not renegotiate");
        }
    }

    private boolean isTls12() {
        return "TLSv1.2".equals(engine.getSession().getProtocol());
    }

    private SSLEngineResult wrapOnce(ByteBuffer in, ByteBuffer out) throws TlsException {
        try {
            return afterStep(engine.wrap(in, out));
        } catch (SSLException e) {
            failed = true;
            throw SslFailures.toTlsException(e, isServer());
        }
    }

    /** Runs the pending host name check once the server's chain is known; a mismatch ends the engine. */
    private void checkHostname() throws TlsException {
        try {
            if (hostnameCheck != null && hostnameCheck.ranOn(engine)) {
                hostnameCheck = null;
            }
        } catch (TlsException e) {
            failed = true;
            engine.closeOutbound();
            throw e;
        }
    }

    /** Runs delegated tasks inline and notes the end of the handshake. */
    private SSLEngineResult afterStep(SSLEngineResult step) throws TlsException {
        if (step.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                task.run();
            }
        }
        checkHostname();
        // A failed engine reports NOT_HANDSHAKING while it sends its alert: that is no completion
        // (a TLS 1.3 server that rejected the client's certificate must not report a handshake).
        if (!handshakeComplete && !failed) {
            handshakeComplete = step.getHandshakeStatus() == HandshakeStatus.FINISHED || isNegotiated();
        }
        return step;
    }

    /**
     * A handshake that ends inside a delegated task reports NOT_HANDSHAKING instead of FINISHED;
     * the session's protocol tells it apart from an engine that never negotiated ("NONE").
     */
    private boolean isNegotiated() {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                && !"NONE".equals(engine.getSession().getProtocol());
    }

    private boolean isServer() {
        return !engine.getUseClientMode();
    }

    /** The peer's chain, leaf first; empty while it has not arrived or when the peer sent none. */
    static List<X509Certificate> peerCertificates(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }
}
