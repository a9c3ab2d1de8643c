package dev.meerkat.http;

import java.util.List;

/** Writes a header section; refuses CR, LF and NUL so that no caller can inject a field (RFC 9110 §5.5). */
final class HeaderWriter {

    private HeaderWriter() {
    }

    /**
     * A start line, its header section and the empty line, in ISO-8859-1; the start line is held to
     * the same rule as field values, so no reason phrase or method can split the message.
     */
    static byte[] encode(String startLine, Headers headers) {
        checkStartLine(startLine);
        List<Headers.Field> fields = headers.fields();
        int length = startLine.length() + 4;
        for (int i = 0; i < fields.size(); i++) {
            Headers.Field f = fields.get(i);
            check(f.name(), f);
            check(f.value(), f);
            length += f.name().length() + 2 + f.value().length() + 2;
        }
        // Written straight into the bytes sent: one head per response, no builder or String between.
        byte[] out = new byte[length];
        int at = crlf(out, latin1(out, 0, startLine));
        for (int i = 0; i < fields.size(); i++) {
            Headers.Field f = fields.get(i);
            at = latin1(out, at, f.name());
            out[at++] = ':';
            out[at++] = ' ';
            at = crlf(out, latin1(out, at, f.value()));
        }
        crlf(out, at);
        return out;
    }

    /** Copies {@code text}, checked to be Latin-1, into {@code out} at {@code at}; returns the end. */
    private static int latin1(byte[] out, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            out[at + i] = (byte) text.charAt(i);
        }
        return at + text.length();
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
            if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
                throw new IllegalArgumentException("expected a start line without CR, LF, NUL or non-Latin-1 but was "
                        + "char 0x" + Integer.toHexString(c) + " in " + line.substring(0, i));
            }
        }
    }

    private static void check(String text, Headers.Field field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
                throw new IllegalArgumentException("expected a header without CR, LF, NUL or non-Latin-1 but was "
                        + field.name() + " with char 0x" + Integer.toHexString(c));
            }
        }
    }
}
