package dev.meerkat.http.internal;

import dev.meerkat.http.Headers;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Reads one header or trailer section (RFC 9112 §5) line by line, within a count and a byte limit
 * (431 when exceeded). Strict where smuggling lives: obsolete line folding, whitespace before the
 * colon and non-token names are rejected with 400.
 */
public final class FieldSection {

    private final LineReader lines;
    private final int maxCount;
    private final int maxBytes;
    private final String what;
    /** What a too long line is called in its 431: interned, so that every connection's parser shares one. */
    private final String lineWithinLimit;
    /** Null between sections: a connection idle between requests holds no builder. */
    private Headers.@Nullable Builder fields;
    private int bytes;

    /** {@code what} names the section in errors: "header" or "trailer". */
    public FieldSection(LineReader lines, int maxCount, int maxBytes, String what) {
        this.lines = lines;
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
        this.what = what;
        this.lineWithinLimit = (what + " line within the " + what + " section limit").intern();
    }

    /** Reads lines until the empty line; returns the fields then, else null (needs more input). */
    public Headers read(ByteBuffer in) throws SyntaxError {
        while (true) {
            String line = lines.read(in, maxBytes - bytes - 2, 431, lineWithinLimit);
            if (line == null) {
                return null;
            }
            bytes += line.length() + 2;
            if (line.isEmpty()) {
                return finish();
            }
            addField(line);
        }
    }

    /** True when some lines of this section were consumed. */
    public boolean started() {
        return bytes > 0;
    }

    private Headers finish() {
        Headers done = fields == null ? Headers.empty() : fields.build();
        fields = null;
        bytes = 0;
        return done;
    }

    private void addField(String line) throws SyntaxError {
        if (Ascii.isWhitespace(line.charAt(0))) {
            throw SyntaxError.badRequest("expected a " + what + " field name but was whitespace (obsolete line"
                    + " folding is rejected, RFC 9112 §5.2): " + Ascii.quote(line));
        }
        if (fields == null) {
            fields = Headers.builder();
        }
        if (fields.size() == maxCount) {
            throw new SyntaxError(431, "expected at most " + maxCount + " " + what + " fields but was more");
        }
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        checkName(name, line);
        fields.add(name, value(name, line.substring(colon + 1)));
    }

    private void checkName(String name, String line) throws SyntaxError {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Ascii.isWhitespace(c)) {
                throw SyntaxError.badRequest("expected ':' right after the " + what + " field name but was"
                        + " whitespace (RFC 9112 §5.1): " + Ascii.quote(line));
            }
            if (!Ascii.isTchar(c)) {
                throw SyntaxError.badRequest("expected a token character in the " + what + " field name but was "
                        + Ascii.hex(c) + " in " + Ascii.quote(line));
            }
        }
        if (name.isEmpty() || name.length() == line.length()) {
            throw SyntaxError.badRequest("expected \"name: value\" but was " + Ascii.quote(line));
        }
    }

    private String value(String name, String raw) throws SyntaxError {
        String value = stripWhitespace(raw);
        for (int i = 0; i < value.length(); i++) {
            if (!Ascii.isFieldValueChar(value.charAt(i))) {
                throw SyntaxError.badRequest("expected visible characters in the value of " + name + " but was "
                        + Ascii.hex(value.charAt(i)));
            }
        }
        return value;
    }

    /** Removes OWS (SP and HTAB only, RFC 9110 §5.6.3) around a value. */
    private static String stripWhitespace(String raw) {
        int from = 0;
        int to = raw.length();
        while (from < to && Ascii.isWhitespace(raw.charAt(from))) {
            from++;
        }
        while (to > from && Ascii.isWhitespace(raw.charAt(to - 1))) {
            to--;
        }
        return raw.substring(from, to);
    }
}
