package dev.meerkat.http.internal;

/**
 * One byte range of a {@code Range: bytes=...} header (RFC 9110 §14.1.2), resolved against the
 * representation's length.
 *
 * @param first the first byte, inclusive
 * @param last  the last byte, inclusive
 */
public record ByteRange(long first, long last) {

    /** What a Range header asks for. */
    public enum Kind { NONE, SATISFIABLE, UNSATISFIABLE }

    /** A parsed header: NONE (absent, malformed or several ranges: serve it all), or one range. */
    public record Result(Kind kind, ByteRange range) {}

    private static final Result NONE = new Result(Kind.NONE, null);
    private static final Result UNSATISFIABLE = new Result(Kind.UNSATISFIABLE, null);

    public long length() {
        return last - first + 1;
    }

    /** Parses {@code header} for a representation of {@code size} bytes; several ranges are served whole. */
    public static Result parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return NONE;
        }
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return NONE;
        }
        long first = digits(spec.substring(0, dash));
        long last = digits(spec.substring(dash + 1));
        if (dash == 0) {
            return suffix(last, size);
        }
        if (first < 0 || (dash + 1 < spec.length() && (last < 0 || last < first))) {
            return NONE;
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        long end = last < 0 ? size - 1 : Math.min(last, size - 1);
        return new Result(Kind.SATISFIABLE, new ByteRange(first, end));
    }

    /** bytes=-N: the last N bytes. */
    private static Result suffix(long count, long size) {
        if (count < 0) {
            return NONE;
        }
        if (count == 0 || size == 0) {
            return UNSATISFIABLE;
        }
        return new Result(Kind.SATISFIABLE, new ByteRange(Math.max(0, size - count), size - 1));
    }

    /** The value of 1 to 18 ASCII digits, else -1. */
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }
}
