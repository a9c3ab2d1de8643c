package dev.meerkat.http.internal;

import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpLimits;
import dev.meerkat.http.HttpRequestHead;
import dev.meerkat.http.HttpResponseHead;
import dev.meerkat.http.HttpVersion;
import java.util.List;

/**
 * Decides how a message body is delimited (RFC 9112 §6.3), refusing every ambiguity that lets two
 * parsers disagree on where a message ends (request smuggling): Content-Length with
 * Transfer-Encoding, differing Content-Lengths, a request whose last coding is not chunked.
 */
public final class Framing {

    private Framing() {
    }

    /** A request without Content-Length or Transfer-Encoding has no body: close-delimited requests do not exist. */
    public static BodyDecoder forRequest(HttpRequestHead head, LineReader lines, HttpLimits limits)
            throws SyntaxError {
        Headers h = head.headers();
        if (h.contains("Transfer-Encoding")) {
            rejectBoth(h);
            if (head.version() == HttpVersion.HTTP_1_0) {
                throw SyntaxError.badRequest("expected no Transfer-Encoding in an HTTP/1.0 request but was "
                        + Ascii.quote(String.join(", ", h.all("Transfer-Encoding"))) + " (RFC 9112 §6.1)");
            }
            requireOnlyChunked(h.tokens("Transfer-Encoding"));
            return new ChunkedBody(lines, limits);
        }
        long length = contentLength(h);
        return length > 0 ? new LengthBody(length) : NoBody.INSTANCE;
    }

    /**
     * {@code method} is the request's method. HEAD responses and 1xx, 204, 304 have no body; a
     * response without length runs until the connection closes.
     */
    public static BodyDecoder forResponse(String method, HttpResponseHead head, LineReader lines, HttpLimits limits)
            throws SyntaxError {
        int status = head.status();
        if (method.equals("HEAD") || status < 200 || status == 204 || status == 304 || isTunnel(method, status)) {
            return NoBody.INSTANCE;
        }
        Headers h = head.headers();
        if (h.contains("Transfer-Encoding")) {
            rejectBoth(h);
            List<String> codings = h.tokens("Transfer-Encoding");
            if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")) {
                return new CloseDelimitedBody();
            }
            requireOnlyChunked(codings);
            return new ChunkedBody(lines, limits);
        }
        if (h.contains("Content-Length")) {
            return new LengthBody(contentLength(h));
        }
        return new CloseDelimitedBody();
    }

    /** A 2xx answer to CONNECT turns the connection into a tunnel (RFC 9110 §9.3.6). */
    public static boolean isTunnel(String method, int status) {
        return method.equals("CONNECT") && status >= 200 && status < 300;
    }

    private static void rejectBoth(Headers h) throws SyntaxError {
        if (h.contains("Content-Length")) {
            throw SyntaxError.badRequest("expected Content-Length or Transfer-Encoding but was both"
                    + " (RFC 9112 §6.1)");
        }
    }

    /** Only "chunked", once and last: other codings are not implemented (501), misplaced chunked is 400. */
    private static void requireOnlyChunked(List<String> codings) throws SyntaxError {
        String joined = Ascii.quote(String.join(", ", codings));
        if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")) {
            throw SyntaxError.badRequest("expected chunked as the final transfer coding of a request but was "
                    + joined + " (RFC 9112 §6.3)");
        }
        List<String> before = codings.subList(0, codings.size() - 1);
        if (before.contains("chunked")) {
            throw SyntaxError.badRequest("expected chunked only once but was " + joined + " (RFC 9112 §7.1)");
        }
        if (!before.isEmpty()) {
            throw new SyntaxError(501, "expected only the chunked transfer coding but was " + joined
                    + "; " + before.get(0) + " is not implemented");
        }
    }

    /** The Content-Length, or 0 when absent; identical duplicates ("5, 5") merge (RFC 9110 §8.6). */
    static long contentLength(Headers h) throws SyntaxError {
        long length = -1;
        for (String value : h.all("Content-Length")) {
            for (String element : value.split(",", -1)) {
                long parsed = parseLength(element.strip());
                if (length >= 0 && parsed != length) {
                    throw SyntaxError.badRequest("expected one Content-Length but was " + length + " and " + parsed);
                }
                length = parsed;
            }
        }
        return Math.max(length, 0);
    }

    private static long parseLength(String digits) throws SyntaxError {
        if (digits.isEmpty() || digits.length() > 18) {
            throw SyntaxError.badRequest("expected Content-Length of 1 to 18 digits but was " + Ascii.quote(digits));
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw SyntaxError.badRequest("expected Content-Length digits but was " + Ascii.quote(digits));
            }
        }
        return Long.parseLong(digits);
    }
}
