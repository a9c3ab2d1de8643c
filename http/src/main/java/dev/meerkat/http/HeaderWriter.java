package dev.meerkat.http;

import java.nio.charset.StandardCharsets;

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
        StringBuilder sb = new StringBuilder(startLine.length() + 32 * (headers.size() + 1));
        sb.append(startLine).append("\r\n");
        append(sb, headers);
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
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
