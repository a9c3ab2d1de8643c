package dev.meerkat.http.internal;

/**
 * A parse failure inside the parser's parts, with the status a server answers. The parser turns it
 * into an {@link dev.meerkat.http.HttpParseException} naming the message.
 */
public final class SyntaxError extends Exception {

    private final int status;

    public SyntaxError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 400 Bad Request: the default for malformed syntax. */
    public static SyntaxError badRequest(String message) {
        return new SyntaxError(400, message);
    }
}
