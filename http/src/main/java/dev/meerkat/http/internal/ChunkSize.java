package dev.meerkat.http.internal;

/** chunk-size [ chunk-ext ] (RFC 9112 §7.1.1); extensions are checked for controls and ignored. */
final class ChunkSize {

    private ChunkSize() {
    }

    static long parse(String line) throws SyntaxError {
        int i = 0;
        long size = 0;
        while (i < line.length() && Ascii.hexValue(line.charAt(i)) >= 0) {
            if (size > (Long.MAX_VALUE >> 4)) {
                throw SyntaxError.badRequest("expected a chunk size that fits 63 bits but was " + Ascii.quote(line));
            }
            size = (size << 4) | Ascii.hexValue(line.charAt(i));
            i++;
        }
        if (i == 0) {
            throw SyntaxError.badRequest("expected chunk size but was " + Ascii.quote(line));
        }
        checkExtensions(line, i);
        return size;
    }

    /** After the size: BWS then ';' and extensions, or nothing. */
    private static void checkExtensions(String line, int from) throws SyntaxError {
        int i = from;
        while (i < line.length() && Ascii.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i < line.length() && line.charAt(i) != ';') {
            throw SyntaxError.badRequest("expected ';' or end of line after the chunk size but was "
                    + Ascii.quote(line.substring(from)));
        }
        for (; i < line.length(); i++) {
            if (!Ascii.isFieldValueChar(line.charAt(i))) {
                throw SyntaxError.badRequest("expected visible characters in chunk extensions but was "
                        + Ascii.hex(line.charAt(i)));
            }
        }
    }
}
