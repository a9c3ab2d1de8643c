package dev.meerkat.http;

/** Writes a header section; refuses CR, LF and NUL so that no caller can inject a field (RFC 9110 §5.5). */
final class HeaderWriter {

    private HeaderWriter() {
    }

    /**
     * A start line, its header section and the empty line, in ISO-8859-1; the start line is held to
     * the same rule as field values, so no reason phrase or method can split the message.
     */
    static byte[] encode(String startLine, Headers headers) {
        byte[] out = write(startLine, headers, 2);
        crlf(out, out.length - 2);
        return out;
    }

    /**
     * As {@link #encode} without the empty line: a head that fields are still to be appended to, as
     * a cached file's is ({@link HttpExchange#replyPrepared}).
     */
    static byte[] encodeOpen(String startLine, Headers headers) {
        return write(startLine, headers, 0);
    }

    /** The start line and fields, with {@code extra} bytes of room after them. */
    private static byte[] write(String startLine, Headers headers, int extra) {
        Headers.Field[] fields = headers.array();
        int length = startLine.length() + 2 + extra;
        for (Headers.Field f : fields) {
            length += f.name().length() + 2 + f.value().length() + 2;
        }
        // Written straight into the bytes sent, each character checked as it is copied: one pass
        // per response, no builder or String between.
        byte[] out = new byte[length];
        int at = latin1(out, 0, startLine);
        if (at < 0) {
            checkStartLine(startLine);
        }
        at = crlf(out, at);
        for (Headers.Field f : fields) {
            at = latin1(out, at, f.name());
            if (at < 0) {
                check(f.name(), f);
            }
            out[at++] = ':';
            out[at++] = ' ';
            at = latin1(out, at, f.value());
            if (at < 0) {
                check(f.value(), f);
            }
            at = crlf(out, at);
        }
        return out;
    }

    /**
     * Copies {@code text} into {@code out} at {@code at}; returns the end, or -1 at a CR, LF, NUL
     * or a character beyond Latin-1 (the caller then throws, saying which).
     */
    private static int latin1(byte[] out, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (forbidden(c)) {
                return -1;
            }
            out[at + i] = (byte) c;
        }
        return at + text.length();
    }

    private static boolean forbidden(char c) {
        return c == '\r' || c == '\n' || c == 0 || c > 0xFF;
    }

    private static int crlf(byte[] out, int at) {
        out[at] = '\r';
        out[at + 1] = '\n';
        return at + 2;
    }

    static void append(StringBuilder sb, Headers headers) {
        for (Headers.Field f : headers) {
            check(f.name(), f);
            check(f.value(), f);
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        sb.append("\r\n");
    }

    private static void checkStartLine(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (forbidden(c)) {
                throw new IllegalArgumentException("expected a start line without CR, LF, NUL or non-Latin-1 but was "
                        + "char 0x" + Integer.toHexString(c) + " in " + line.substring(0, i));
            }
        }
    }

    private static void check(String text, Headers.Field field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (forbidden(c)) {
                throw new IllegalArgumentException("expected a header without CR, LF, NUL or non-Latin-1 but was "
                        + field.name() + " with char 0x" + Integer.toHexString(c));
            }
        }
    }
}
