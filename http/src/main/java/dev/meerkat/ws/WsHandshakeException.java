package dev.meerkat.ws;

/** The opening handshake failed: the server's answer was not a valid 101 for our request (RFC 6455 §4.1). */
public final class WsHandshakeException extends Exception {

    private static final long serialVersionUID = 1L;

    public WsHandshakeException(String message) {
        super(message);
    }

    public WsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
