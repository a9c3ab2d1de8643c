package dev.meerkat.http;

/**
 * A response head encoded once and sent many times: a cached file's 200, Content-Length included,
 * without the empty line that ends it. Per response only the Date field (the same bytes all second)
 * and, when needed, a Connection field follow it ({@link HttpExchange#replyPrepared}): field order
 * carries no meaning (RFC 9110 §5.3), so nothing is spliced in between, and no {@link Headers} is
 * copied or encoded per response.
 */
final class PreparedHead {

    private final int status;
    private final byte[] open;

    private PreparedHead(int status, byte[] open) {
        this.status = status;
        this.open = open;
    }

    /** The head of a {@code status} reply with {@code headers} and a body of {@code length} bytes. */
    static PreparedHead of(int status, Headers headers, int length) {
        Headers sized = headers.withReplaced("Content-Length", Integer.toString(length));
        return new PreparedHead(status, HttpResponseHead.of(status, sized).encodeOpen());
    }

    int status() {
        return status;
    }

    /** The status line and fields, each line ended; never change the array. */
    byte[] open() {
        return open;
    }
}
