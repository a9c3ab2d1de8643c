package dev.meerkat.tls.spi;

/**
 * How a TLS input ended, as {@link TlsEngine#inputEnded} sees it. The core maps it to the
 * connection's close reason; engines know nothing of connections.
 */
public enum InputEnd {
    /** The peer's close_notify was read. */
    CLOSE_NOTIFY,
    /** The input ended between records without close_notify. */
    BETWEEN_RECORDS,
    /** The input ended inside a record; its bytes were never decrypted. */
    INSIDE_RECORD
}
