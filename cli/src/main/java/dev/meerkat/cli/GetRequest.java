package dev.meerkat.cli;

import dev.meerkat.http.HttpClientRequest;
import dev.meerkat.http.RequestBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The request of {@code get} as curl would send it: the URL with {@code http://} by default, the
 * method ({@code -X}, HEAD under {@code -I}, POST with data), {@code -H} headers plus curl's
 * {@code Accept: *}{@code /*}, a form Content-Type for data and {@code -u}'s Authorization, and
 * the body: in memory, or streamed from disk for one {@code --data-binary @FILE}.
 */
record GetRequest(String url, String method, List<String> headers, byte[] body, Path streamed) {

    static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    /** One {@code -d} ({@code binary} false) or {@code --data-binary} value. */
    record Data(String value, boolean binary) {
        byte[] bytes() throws UsageException {
            return value.startsWith("@") && !binary ? stripLineEnds(readData(value)) : readData(value);
        }
    }

    static GetRequest of(String url, String method, boolean head, List<Data> data, List<String> headers, String user)
            throws UsageException {
        Path streamed = data.size() == 1 && data.get(0).binary() && data.get(0).value().startsWith("@")
                ? Path.of(data.get(0).value().substring(1)) : null;
        byte[] body = streamed != null ? null : data(data);
        boolean hasData = streamed != null || body != null;
        return new GetRequest(url(url), method(method, head, hasData), headers(headers, hasData, user),
                body == null ? new byte[0] : body, streamed);
    }

    boolean isHttps() {
        return url.regionMatches(true, 0, "https://", 0, 8);
    }

    HttpClientRequest request() throws UsageException {
        try {
            HttpClientRequest.Builder b = HttpClientRequest.builder(method, url);
            for (String header : headers) {
                int colon = header.indexOf(':');
                b.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
            return (streamed == null ? b.body(body) : b.body(RequestBody.of(streamed))).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("get: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UsageException("get: cannot read the body file of --data-binary @" + streamed + ": " + e, e);
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

    /** The method of {@code -X}, else HEAD for {@code -I}, else POST when there is data, as curl does. */
    static String method(String given, boolean head, boolean hasData) {
        if (given != null) {
            return given.toUpperCase(Locale.ROOT);
        }
        return head ? "HEAD" : hasData ? "POST" : "GET";
    }

    /**
     * Every {@code -d} value ({@code @FILE} read whole, CR and LF dropped) and {@code --data-binary}
     * value (a file as it is) in the order given, joined with {@code &} as curl does; null for none.
     */
    static byte[] data(List<Data> values) throws UsageException {
        if (values.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Data value : values) {
            if (joined.size() > 0) {
                joined.write('&');
            }
            joined.writeBytes(value.bytes());
        }
        return joined.toByteArray();
    }

    /** The {@code -H} headers, checked, plus curl's Accept, form content type and {@code -u} Authorization. */
    static List<String> headers(List<String> given, boolean hasData, String user) throws UsageException {
        List<String> headers = new ArrayList<>();
        for (String header : given) {
            if (header.indexOf(':') <= 0) {
                throw new UsageException("get: option -H expects 'Name: value' but was '" + header + "'");
            }
            headers.add(header);
        }
        addUnlessNamed(headers, "Accept: */*");
        if (hasData) {
            addUnlessNamed(headers, FORM);
        }
        if (user != null) {
            addUnlessNamed(headers, authorization(user));
        }
        return List.copyOf(headers);
    }

    private static void addUnlessNamed(List<String> headers, String header) {
        String name = header.substring(0, header.indexOf(':'));
        if (headers.stream().noneMatch(h -> h.substring(0, h.indexOf(':')).strip().equalsIgnoreCase(name))) {
            headers.add(header);
        }
    }

    private static String authorization(String user) throws UsageException {
        if (!user.contains(":")) {
            throw new UsageException("get: option -u expects USER:PASSWORD but was '" + user + "'");
        }
        return "Authorization: Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] stripLineEnds(byte[] value) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(value.length);
        for (byte b : value) {
            if (b != '\r' && b != '\n') {
                kept.write(b);
            }
        }
        return kept.toByteArray();
    }

    private static byte[] readData(String value) throws UsageException {
        if (!value.startsWith("@")) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(Path.of(value.substring(1)));
        } catch (IOException e) {
            throw new UsageException("get: cannot read the body file " + value + ": " + e.getMessage(), e);
        }
    }
}
