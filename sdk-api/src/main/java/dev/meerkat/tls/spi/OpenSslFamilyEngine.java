package dev.meerkat.tls.spi;

/**
 * The state the engines over a C library ({@code openssl} over tcnative, {@code openssl-jna} over
 * the system's OpenSSL, {@code mbedtls} over the system's MbedTLS) keep the same way, and the
 * answers that only read it. Each engine sets the flags as its library reports progress; this class
 * only says what they mean. It lives in the SPI, not in any provider's module, so that no provider
 * pulls in another's native library.
 */
public abstract class OpenSslFamilyEngine implements TlsEngine {

    /** The largest plaintext of one TLS record (RFC 8446 section 5.1): the libraries hand out at most this. */
    public static final int MAX_PLAINTEXT = 16384;

    /** The handshake completed; stays true. */
    protected boolean handshakeComplete;
    /** The peer's close_notify was read: no more plaintext will come. */
    protected boolean inboundDone;
    /** The application asked to close; the next wraps send close_notify. */
    protected boolean closeRequested;
    /** Nothing more will be sent: close_notify (or a fatal alert) went out. */
    protected boolean outboundDone;

    /** What one step of an unwrap loop came to; the loop runs while it is PROGRESS. */
    protected enum Step {
        /** The step moved bytes; the loop goes on. */
        PROGRESS,
        /** The library needs more ciphertext. */
        WANT_INPUT,
        /** The plaintext buffer is full. */
        OUTPUT_FULL,
        /** The peer's close_notify arrived. */
        CLOSED
    }

    /**
     * The status of an unwrap whose loop ended on {@code step}.
     *
     * @param step     how the loop ended
     * @param produced the plaintext bytes the loop produced
     * @return the status to report
     */
    protected static TlsResult.Status unwrapStatus(Step step, int produced) {
        return switch (step) {
            case CLOSED -> produced > 0 ? TlsResult.Status.OK : TlsResult.Status.CLOSED;
            case OUTPUT_FULL -> produced > 0 ? TlsResult.Status.OK : TlsResult.Status.NEEDS_OUTPUT_ROOM;
            default -> TlsResult.Status.NEEDS_INPUT;
        };
    }

    /**
     * A wrap that moved bytes is OK, unless it finished our close_notify; one that moved none says why.
     *
     * @param status   the library's status after the wrap
     * @param consumed plaintext bytes taken
     * @param produced ciphertext bytes written
     * @return the result to report
     */
    protected static TlsResult wrapResult(TlsResult.Status status, int consumed, int produced) {
        boolean progress = consumed > 0 || produced > 0;
        return TlsResult.of(progress && status != TlsResult.Status.CLOSED ? TlsResult.Status.OK : status,
                consumed, produced);
    }

    /** An engine before its handshake: every flag is false. */
    public OpenSslFamilyEngine() {
    }

    @Override
    public boolean isHandshakeComplete() {
        return handshakeComplete;
    }

    @Override
    public boolean isInboundDone() {
        return inboundDone;
    }

    @Override
    public void closeOutbound() {
        closeRequested = true;
    }

    @Override
    public boolean isOutboundDone() {
        return outboundDone;
    }

    /** The libraries hand out plaintext in pieces of any size; a whole record's worth avoids extra calls. */
    @Override
    public int plaintextRoom() {
        return MAX_PLAINTEXT;
    }
}
