package dev.meerkat.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Takes CRLF-terminated lines from a buffer whose unconsumed bytes come back at the next call (the
 * contract of {@link dev.meerkat.Event.Read}). A line is consumed only when whole. Bare CR and
 * bare LF are rejected: RFC 9112 §2.2 allows a recipient to reject a bare LF and requires
 * rejecting or replacing a bare CR; accepting either is what request smuggling feeds on.
 */
public final class LineReader {

    /** Bytes of the pending line already checked, so a line fed one byte at a time is scanned once. */
    private int checked;
    /** True when the last call left bytes of an incomplete line. */
    private boolean partial;

    /**
     * The next line without its CRLF, consumed from {@code in}; null when the line is incomplete
     * (nothing consumed). {@code tooLongStatus} is the status when more than {@code maxLength}
     * bytes come without CRLF.
     */
    public String read(ByteBuffer in, int maxLength, int tooLongStatus, String what) throws SyntaxError {
        int start = in.position();
        int end = in.limit();
        partial = end > start;
        // Over the limit fails below, before a bad line end past it is seen: the status must not
        // depend on the cut. So the scan stops at the first byte beyond the limit.
        int stop = (int) Math.min(end, (long) start + maxLength + 1);
        int i = start + checked;
        for (; i < stop; i++) {
            byte b = in.get(i);
            if (b == '\n') {
                throw SyntaxError.badRequest("expected CRLF at the end of the " + what + " but was a bare LF");
            }
            if (b == '\r') {
                if (i + 1 == end) {
                    checked = i - start;
                    return lengthChecked(i - start, maxLength, tooLongStatus, what);
                }
                if (in.get(i + 1) != '\n') {
                    throw SyntaxError.badRequest("expected LF after CR in the " + what
                            + " but was " + Ascii.hex(in.get(i + 1)));
                }
                return take(in, i - start, maxLength, tooLongStatus, what);
            }
        }
        checked = i - start;
        return lengthChecked(i - start, maxLength, tooLongStatus, what);
    }

    /** True when bytes of an incomplete line were seen and not consumed. */
    public boolean hasPartialLine() {
        return partial;
    }

    private String take(ByteBuffer in, int length, int maxLength, int tooLongStatus, String what)
            throws SyntaxError {
        lengthChecked(length, maxLength, tooLongStatus, what);
        String line;
        if (in.hasArray()) {
            // Straight from the array: one copy into the String, no byte[] between.
            line = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.ISO_8859_1);
        } else {
            byte[] bytes = new byte[length];
            in.get(in.position(), bytes);
            line = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        in.position(in.position() + length + 2);
        checked = 0;
        partial = false;
        return line;
    }

    private static String lengthChecked(int length, int maxLength, int tooLongStatus, String what)
            throws SyntaxError {
        if (length > maxLength) {
            throw new SyntaxError(tooLongStatus, "expected a " + what + " of at most " + maxLength
                    + " bytes but was longer");
        }
        return null;
    }
}
