package dev.meerkat.http;

/** Writes a header section; refuses CR, LF and NUL so that no caller can inject a field (RFC 9110 §5.5). */
final class HeaderWriter {

    private HeaderWriter() {
    }

    static void append(StringBuilder sb, Headers headers) {
        for (Headers.Field f : headers) {
            check(f.name(), f);
            check(f.value(), f);
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        sb.append("\r\n");
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
