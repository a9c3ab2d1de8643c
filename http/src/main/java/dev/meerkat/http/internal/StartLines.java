package dev.meerkat.http.internal;

import dev.meerkat.http.HttpVersion;

/** Parses request lines (RFC 9112 §3) and status lines (RFC 9112 §4). */
public final class StartLines {

    /** The three parts of a request line. */
    public record RequestLine(String method, String target, HttpVersion version) {}

    /** The parts of a status line. */
    public record StatusLine(HttpVersion version, int status, String reason) {}

    private StartLines() {
    }

    /** request-line = method SP request-target SP HTTP-version, single spaces only. */
    public static RequestLine request(String line) throws SyntaxError {
        int first = line.indexOf(' ');
        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        if (second < 0 || line.indexOf(' ', second + 1) >= 0) {
            throw SyntaxError.badRequest("expected request line \"method SP target SP version\" but was "
                    + Ascii.quote(line));
        }
        String method = line.substring(0, first);
        if (!Ascii.isToken(method)) {
            throw SyntaxError.badRequest("expected a method token but was " + Ascii.quote(method));
        }
        String target = line.substring(first + 1, second);
        checkTarget(target);
        return new RequestLine(method, target, version(line.substring(second + 1)));
    }

    /** status-line = HTTP-version SP 3DIGIT SP [reason-phrase]; a missing final SP is tolerated. */
    public static StatusLine status(String line) throws SyntaxError {
        int space = line.indexOf(' ');
        if (space < 0 || line.length() < space + 4) {
            throw SyntaxError.badRequest("expected status line \"version SP status SP reason\" but was "
                    + Ascii.quote(line));
        }
        HttpVersion version = version(line.substring(0, space));
        int status = statusCode(line.substring(space + 1, space + 4));
        String rest = line.substring(space + 4);
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            throw SyntaxError.badRequest("expected SP after the status code but was " + Ascii.quote(rest));
        }
        String reason = rest.isEmpty() ? "" : rest.substring(1);
        checkReason(reason);
        return new StatusLine(version, status, reason);
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT; major 1 only (505 otherwise). */
    static HttpVersion version(String text) throws SyntaxError {
        if (text.length() != 8 || !text.startsWith("HTTP/") || text.charAt(6) != '.'
                || !isDigit(text.charAt(5)) || !isDigit(text.charAt(7))) {
            throw SyntaxError.badRequest("expected HTTP version \"HTTP/1.1\" but was " + Ascii.quote(text));
        }
        if (text.charAt(5) != '1') {
            throw new SyntaxError(505, "expected HTTP major version 1 but was " + Ascii.quote(text));
        }
        return text.charAt(7) == '0' ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    /** Visible US-ASCII only: a space or control in the target is where smuggling and log injection start. */
    private static void checkTarget(String target) throws SyntaxError {
        if (target.isEmpty()) {
            throw SyntaxError.badRequest("expected a request target but was empty");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw SyntaxError.badRequest("expected visible ASCII in the request target but was "
                        + Ascii.hex(c) + " in " + Ascii.quote(target));
            }
        }
    }

    private static int statusCode(String digits) throws SyntaxError {
        for (int i = 0; i < 3; i++) {
            if (!isDigit(digits.charAt(i))) {
                throw SyntaxError.badRequest("expected a three-digit status code but was " + Ascii.quote(digits));
            }
        }
        int status = Integer.parseInt(digits);
        if (status < 100) {
            throw SyntaxError.badRequest("expected a status code from 100 but was " + Ascii.quote(digits));
        }
        return status;
    }

    private static void checkReason(String reason) throws SyntaxError {
        for (int i = 0; i < reason.length(); i++) {
            if (!Ascii.isFieldValueChar(reason.charAt(i))) {
                throw SyntaxError.badRequest("expected visible characters in the reason phrase but was "
                        + Ascii.hex(reason.charAt(i)));
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
