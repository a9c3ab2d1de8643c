package dev.meerkat.ws;

/**
 * The peer broke RFC 6455, or its message does not fit; the connection is failed with
 * {@link #closeCode()} in the close frame sent back (1002 protocol error, 1007 invalid UTF-8, 1009
 * message too big, 1013 no room in the memory budget).
 */
public final class WsProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The code of the close frame sent back. */
    private final int closeCode;

    /**
     * A violation.
     *
     * @param closeCode the code of the close frame sent back
     * @param message   what the peer did; {@link #getMessage()} adds the close code
     */
    public WsProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /**
     * The close code this violation is answered with.
     *
     * @return 1002, 1007, 1009 or 1013
     */
    public int closeCode() {
        return closeCode;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " (close " + closeCode + ")";
    }
}
