package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each hostile or malformed request with the status a server answers and what the error says. */
class HttpParserRejectsTest {

    private static final String POST = "POST / HTTP/1.1\r\n";

    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                arguments("Content-Length with Transfer-Encoding",
                        POST + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
                        "expected Content-Length or Transfer-Encoding but was both"),
                arguments("differing duplicate Content-Length",
                        POST + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400,
                        "expected one Content-Length but was 3 and 4"),
                arguments("differing Content-Length list", POST + "Content-Length: 3, 4\r\n\r\nabcd", 400,
                        "expected one Content-Length but was 3 and 4"),
                arguments("Content-Length letters", POST + "Content-Length: abc\r\n\r\n", 400,
                        "expected Content-Length digits but was \"abc\""),
                arguments("Content-Length sign", POST + "Content-Length: +5\r\n\r\nhello", 400,
                        "expected Content-Length digits but was \"+5\""),
                arguments("Content-Length negative", POST + "Content-Length: -1\r\n\r\n", 400,
                        "expected Content-Length digits but was \"-1\""),
                arguments("Content-Length empty list element", POST + "Content-Length: 5,\r\n\r\nhello", 400,
                        "expected Content-Length of 1 to 18 digits but was \"\""),
                arguments("Content-Length overflow", POST + "Content-Length: 99999999999999999999\r\n\r\n", 400,
                        "expected Content-Length of 1 to 18 digits"),
                arguments("final coding not chunked", POST + "Transfer-Encoding: gzip\r\n\r\n", 400,
                        "expected chunked as the final transfer coding of a request but was \"gzip\""),
                arguments("chunked then another coding", POST + "Transfer-Encoding: chunked, gzip\r\n\r\n", 400,
                        "expected chunked as the final transfer coding"),
                arguments("unimplemented coding before chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n",
                        501, "gzip is not implemented"),
                arguments("chunked twice", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                        400, "expected chunked only once"),
                arguments("Transfer-Encoding in HTTP/1.0",
                        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
                        "expected no Transfer-Encoding in an HTTP/1.0 request"),
                arguments("obsolete line folding", "GET / HTTP/1.1\r\nX-A: 1\r\n  folded\r\n\r\n", 400,
                        "obsolete line folding"),
                arguments("whitespace before the first header", "GET / HTTP/1.1\r\n Host: x\r\n\r\n", 400,
                        "obsolete line folding"),
                arguments("bare CR in a header", "GET / HTTP/1.1\r\nX-A: 1\r2\r\n\r\n", 400,
                        "expected LF after CR in the header line"),
                arguments("bare LF in the request line", "GET / HTTP/1.1\nHost: x\r\n\r\n", 400,
                        "expected CRLF at the end of the request line but was a bare LF"),
                arguments("bare LF in a header", "GET / HTTP/1.1\r\nHost: x\n\r\n", 400,
                        "but was a bare LF"),
                arguments("bare LF ending the head", "GET / HTTP/1.1\r\nHost: x\r\n\n", 400,
                        "but was a bare LF"),
                arguments("non-token byte in a header name", "GET / HTTP/1.1\r\nX-\"A\": 1\r\n\r\n", 400,
                        "expected a token character in the header field name but was 0x22"),
                arguments("whitespace between name and colon", "GET / HTTP/1.1\r\nContent-Length : 0\r\n\r\n", 400,
                        "expected ':' right after the header field name but was whitespace"),
                arguments("header without colon", "GET / HTTP/1.1\r\nHost\r\n\r\n", 400,
                        "expected \"name: value\" but was \"Host\""),
                arguments("empty header name", "GET / HTTP/1.1\r\n: x\r\n\r\n", 400,
                        "expected \"name: value\" but was \": x\""),
                arguments("NUL in a header value", "GET / HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n", 400,
                        "expected visible characters in the value of X-A but was 0x00"),
                arguments("chunk size not hex", POST + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400,
                        "expected chunk size but was \"zz\""),
                arguments("chunk size overflow", POST + "Transfer-Encoding: chunked\r\n\r\n8000000000000000\r\n", 400,
                        "expected a chunk size that fits 63 bits"),
                arguments("chunk size with junk", POST + "Transfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n", 400,
                        "expected ';' or end of line after the chunk size but was \" x\""),
                arguments("chunk data longer than its size",
                        POST + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", 400,
                        "expected CRLF after chunk data but was 0x6c"),
                arguments("method with a non-token byte", "G(ET / HTTP/1.1\r\n\r\n", 400,
                        "expected a method token but was \"G(ET\""),
                arguments("space inside the target", "GET /a b HTTP/1.1\r\n\r\n", 400,
                        "expected request line \"method SP target SP version\""),
                arguments("double space", "GET  / HTTP/1.1\r\n\r\n", 400, "expected request line"),
                arguments("control byte in the target", "GET /a\u0001b HTTP/1.1\r\n\r\n", 400,
                        "expected visible ASCII in the request target but was 0x01"),
                arguments("tab in the target", "GET /a\tb HTTP/1.1\r\n\r\n", 400,
                        "expected visible ASCII in the request target but was 0x09"),
                arguments("non-ASCII in the target", "GET /\u00e9 HTTP/1.1\r\n\r\n", 400,
                        "expected visible ASCII in the request target but was 0xe9"),
                arguments("malformed version", "GET / HTP/1.1\r\n\r\n", 400,
                        "expected HTTP version \"HTTP/1.1\" but was \"HTP/1.1\""),
                arguments("HTTP/2 in HTTP/1 framing", "GET / HTTP/2.0\r\n\r\n", 505,
                        "expected HTTP major version 1 but was \"HTTP/2.0\""),
                arguments("request line too long", "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n", 414,
                        "expected a request line of at most 8192 bytes but was longer"),
                arguments("100,000 empty lines before the request line",
                        "\r\n".repeat(100_000) + "GET / HTTP/1.1\r\n\r\n", 400,
                        "expected a request line after at most 8192 bytes of empty lines but was more"),
                arguments("too many headers", "GET / HTTP/1.1\r\n" + "X-A: 1\r\n".repeat(101) + "\r\n", 431,
                        "expected at most 100 header fields but was more"),
                arguments("header section too large",
                        "GET / HTTP/1.1\r\n" + ("X-A: " + "v".repeat(1000) + "\r\n").repeat(70) + "\r\n", 431,
                        "header section limit"),
                arguments("trailer with obsolete folding",
                        POST + "Transfer-Encoding: chunked\r\n\r\n0\r\nX-A: 1\r\n folded\r\n\r\n", 400,
                        "expected a trailer field name but was whitespace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void rejectsWithStatusAndSaysWhatWasExpected(String name, String input, int status, String message) {
        HttpParseException e = catchThrowableOfType(HttpParseException.class,
                () -> ParseRun.whole(HttpParser.requests(HttpLimits.defaults()), input, null));

        assertThat(e).as(name).isNotNull();
        assertThat(e.status()).as(name).isEqualTo(status);
        assertThat(e.getMessage()).as(name).contains(message);
    }
}
