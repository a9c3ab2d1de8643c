package dev.meerkat.ws;

/**
 * The peer broke RFC 6455, or its message does not fit; the connection is failed with
 * {@link #closeCode()} in the close frame sent back (1002 protocol error, 1007 invalid UTF-8, 1009
 * message too big, 1013 no room in the memory budget).
 */
public final class WsProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int closeCode;

    public WsProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** The close code this violation is answered with. */
    public int closeCode() {
        return closeCode;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " (close " + closeCode + ")";
    }
}
