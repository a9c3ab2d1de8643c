package dev.meerkat.http;

/**
 * A message broke HTTP/1.1 syntax or a limit. {@link #status()} is the status a server answers
 * with (400, 413, 414, 431, 501, 505) before it closes the connection; {@link #messageNumber()}
 * says which message of the connection (1 for the first) failed. Messages before it were complete.
 */
public final class HttpParseException extends Exception {

    /** The status a server answers with. */
    private final int status;
    /** Which message of the connection failed, 1 for the first. */
    private final long messageNumber;

    /**
     * A parse failure.
     *
     * @param status        the status a server answers with
     * @param messageNumber which message of the connection failed, 1 for the first
     * @param message       what was wrong; the exception's message gets the message number in front
     */
    public HttpParseException(int status, long messageNumber, String message) {
        super("message " + messageNumber + ": " + message);
        this.status = status;
        this.messageNumber = messageNumber;
    }

    /**
     * The status a server answers with before it closes.
     *
     * @return 400, 413, 414, 431, 501 or 505
     */
    public int status() {
        return status;
    }

    /**
     * Which message of the connection failed.
     *
     * @return the message number, 1 for the first
     */
    public long messageNumber() {
        return messageNumber;
    }
}
