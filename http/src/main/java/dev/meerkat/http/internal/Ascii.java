package dev.meerkat.http.internal;

/** Character classes of RFC 9110 §5.6.2 and helpers to show bad input in error messages. */
public final class Ascii {

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private Ascii() {
    }

    /** token = 1*tchar. */
    public static boolean isTchar(char c) {
        return c < 128 && TCHAR[c];
    }

    public static boolean isToken(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** field-vchar / SP / HTAB: VCHAR and obs-text, no controls (RFC 9110 §5.5). */
    public static boolean isFieldValueChar(char c) {
        return c == ' ' || c == '\t' || (c > 0x20 && c != 0x7F && c <= 0xFF);
    }

    public static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    public static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** {@code s} quoted for an error message, controls escaped, cut at 64 chars. */
    public static String quote(CharSequence s) {
        StringBuilder sb = new StringBuilder("\"");
        int shown = Math.min(s.length(), 64);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || c > 0x7E) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(shown < s.length() ? "...\"" : "\"").toString();
    }

    /** One byte for an error message: {@code 0x0d}. */
    public static String hex(int b) {
        return String.format("0x%02x", b & 0xFF);
    }
}
