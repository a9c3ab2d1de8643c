package dev.meerkat.cli;

import dev.meerkat.http.HttpClientRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checked options of {@code get}. {@code quiet} is curl's {@code -s} without {@code -S}: no
 * failure message, the exit status alone tells.
 */
record GetOptions(String url, String provider, Path cacert, boolean insecure, String method, byte[] data,
                  List<String> headers, Path output, int repeat, boolean verbose, boolean fail, boolean quiet) {

    static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    boolean isHttps() {
        return url.regionMatches(true, 0, "https://", 0, 8);
    }

    HttpClientRequest request() throws UsageException {
        try {
            HttpClientRequest.Builder b = HttpClientRequest.builder(method, url).body(data);
            for (String header : headers) {
                int colon = header.indexOf(':');
                b.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("get: " + e.getMessage(), e);
        }
    }

    /** The URL with curl's default scheme, http://, when it names none. */
    static String url(String given) throws UsageException {
        String url = given.contains("://") ? given : "http://" + given;
        if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
            throw new UsageException("get: expected an http:// or https:// URL but was '" + given + "'");
        }
        return url;
    }

    /** The method of {@code -X}, else POST when there is data, as curl does. */
    static String method(String given, byte[] data) {
        return given != null ? given.toUpperCase(Locale.ROOT) : data != null ? "POST" : "GET";
    }

    /** Every {@code -d} value ({@code @FILE} read whole) joined with {@code &}, as curl does; null for none. */
    static byte[] data(List<String> values) throws UsageException {
        if (values.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (String value : values) {
            if (joined.size() > 0) {
                joined.write('&');
            }
            joined.writeBytes(readData(value));
        }
        return joined.toByteArray();
    }

    /** The {@code -H} headers, checked, plus curl's form content type for data sent without one. */
    static List<String> headers(List<String> given, boolean hasData) throws UsageException {
        List<String> headers = new ArrayList<>();
        boolean hasContentType = false;
        for (String header : given) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("get: option -H expects 'Name: value' but was '" + header + "'");
            }
            hasContentType |= header.substring(0, colon).strip().equalsIgnoreCase("Content-Type");
            headers.add(header);
        }
        if (hasData && !hasContentType) {
            headers.add(FORM);
        }
        return List.copyOf(headers);
    }

    private static byte[] readData(String value) throws UsageException {
        if (!value.startsWith("@")) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(Path.of(value.substring(1)));
        } catch (IOException e) {
            throw new UsageException("get: cannot read the body file of -d " + value + ": " + e.getMessage(), e);
        }
    }
}
