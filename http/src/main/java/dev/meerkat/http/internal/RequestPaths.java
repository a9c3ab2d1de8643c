package dev.meerkat.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request path into safe file-name segments. Refuses (returns null) anything that could
 * leave the served directory: "..", "." and empty segments after decoding, encoded slashes and
 * backslashes (%2f, %5c), NUL, malformed escapes.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /** The decoded segments of {@code path} ("/a/b.txt" gives [a, b.txt]), or null when unsafe. */
    public static List<String> segments(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String raw : path.substring(1).split("/", -1)) {
            String segment = decode(raw);
            if (segment == null || segment.equals("..") || segment.equals(".") || segment.indexOf('/') >= 0
                    || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
                return null;
            }
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** Percent-decoding as UTF-8 (RFC 3986 §2.1); null for a malformed escape. */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= raw.length()) {
                return null;
            }
            int high = Ascii.hexValue(raw.charAt(i + 1));
            int low = Ascii.hexValue(raw.charAt(i + 2));
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
