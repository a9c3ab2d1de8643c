package dev.meerkat.ws;

/** The opening handshake failed: the server's answer was not a valid 101 for our request (RFC 6455 §4.1). */
public final class WsHandshakeException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * A handshake failure.
     *
     * @param message what the server answered and what was expected
     */
    public WsHandshakeException(String message) {
        super(message);
    }

    /**
     * A handshake failure with its cause.
     *
     * @param message what the server answered and what was expected
     * @param cause   the underlying failure
     */
    public WsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
