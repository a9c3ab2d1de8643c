package dev.meerkat;

/**
 * Why a connection closed. Every connection ends with exactly one {@link Event.Close} carrying one
 * of these, after every byte that could be delivered was delivered.
 *
 * <table>
 * <caption>Close reasons</caption>
 * <tr><th>reason</th><th>meaning</th></tr>
 * <tr><td>{@link #CLEAN}</td><td>TLS: the peer sent close_notify. Plain TCP: the peer sent FIN.</td></tr>
 * <tr><td>{@link #TRUNCATED_NO_CLOSE_NOTIFY}</td><td>TLS: the input ended after whole records but
 *     without close_notify; data after the last record may be missing.</td></tr>
 * <tr><td>{@link #TRUNCATED_PARTIAL_RECORD}</td><td>TLS: the input ended inside a record; its bytes
 *     were never decrypted.</td></tr>
 * <tr><td>{@link #RESET}</td><td>The peer reset the connection (RST).</td></tr>
 * <tr><td>{@link #LOCAL}</td><td>This side closed it ({@link Connection#close()} or
 *     {@link Connection#closeAfterFlush()}, or the manager closed).</td></tr>
 * <tr><td>{@link #ERROR}</td><td>A failure: connect, handshake, certificate, protocol, timeout. The
 *     Close event carries the cause.</td></tr>
 * </table>
 */
public enum CloseReason {
    /** TLS: the peer sent close_notify. Plain TCP: the peer sent FIN. Nothing is missing. */
    CLEAN,
    /** TLS: the input ended after whole records but without close_notify. Data may be missing. */
    TRUNCATED_NO_CLOSE_NOTIFY,
    /** TLS: the input ended inside a record, whose bytes were never decrypted. Data is missing. */
    TRUNCATED_PARTIAL_RECORD,
    /** The peer reset the connection (RST). Data may be missing. */
    RESET,
    /** This side closed the connection, or its manager closed. */
    LOCAL,
    /** A failure ended the connection: the Close event carries the cause. */
    ERROR;

    /**
     * {@return true for reasons that say data may be missing at the end of the stream} That is
     * {@link #TRUNCATED_NO_CLOSE_NOTIFY}, {@link #TRUNCATED_PARTIAL_RECORD} and {@link #RESET}.
     */
    public boolean isTruncation() {
        return this == TRUNCATED_NO_CLOSE_NOTIFY || this == TRUNCATED_PARTIAL_RECORD || this == RESET;
    }
}
