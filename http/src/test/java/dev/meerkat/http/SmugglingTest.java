package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request smuggling against the server: each request is framed ambiguously and followed by a second
 * one that a differently-parsing front end could take for the start of a new request. The server
 * must answer once with an error and close, so that no reading of the bytes yields that second
 * request; a well-behaved client is served after each case.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmugglingTest {

    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n";
    private static final String POST = "POST /front HTTP/1.1\r\nHost: t\r\n";
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 \\d{3} ");

    private static RecordingServer server;

    @BeforeAll
    static void listen() throws Exception {
        server = new RecordingServer(HttpServerOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> ambiguousRequests() {
        String chunked = "Transfer-Encoding: chunked\r\n";
        return Stream.of(
                arguments("CL then TE", POST + "Content-Length: 4\r\n" + chunked + "\r\n0\r\n\r\n", 400),
                arguments("TE then CL", POST + chunked + "Content-Length: 4\r\n\r\n0\r\n\r\n", 400),
                arguments("two differing CL", POST + "Content-Length: 0\r\nContent-Length: 38\r\n\r\n", 400),
                arguments("CL list", POST + "Content-Length: 0, 38\r\n\r\n", 400),
                arguments("CL with a sign", POST + "Content-Length: +0\r\n\r\n", 400),
                arguments("CL in hex", POST + "Content-Length: 0x0\r\n\r\n", 400),
                arguments("TE chunked then identity", POST + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", 400),
                arguments("TE unknown alone", POST + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", 400),
                arguments("TE chunked twice", POST + chunked + chunked + "\r\n0\r\n\r\n", 400),
                arguments("TE in HTTP/1.0", "POST / HTTP/1.0\r\n" + chunked + "\r\n0\r\n\r\n", 400),
                arguments("TE folded (obs-fold)", POST + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", 400),
                arguments("header folded (obs-fold)", POST + "X-A: 1\r\n\tContent-Length: 38\r\n\r\n", 400),
                arguments("space before colon", POST + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400),
                arguments("tab before colon", POST + "Content-Length\t: 38\r\n\r\n", 400),
                arguments("bare LF line ends", "POST / HTTP/1.1\nHost: t\nContent-Length: 0\n\n", 400),
                arguments("bare LF in one header", POST + "X-A: 1\nContent-Length: 38\r\n\r\n", 400),
                arguments("bare CR in a header", POST + "X-A: 1\rContent-Length: 38\r\n\r\n", 400),
                arguments("NUL in a header value", POST + "X-A: a\u0000b\r\n\r\n", 400),
                arguments("vertical tab before chunked", POST + "Transfer-Encoding: \u000bchunked\r\n\r\n0\r\n\r\n", 400),
                arguments("chunk size not hex", POST + chunked + "\r\nzz\r\n", 400),
                arguments("chunk size negative", POST + chunked + "\r\n-1\r\n", 400),
                arguments("chunk size 0x prefix", POST + chunked + "\r\n0x5\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size overflow", POST + chunked + "\r\nffffffffffffffffff1\r\n", 400),
                arguments("chunk size with space", POST + chunked + "\r\n5 5\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk data longer than its size", POST + chunked + "\r\n3\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size ended by bare LF", POST + chunked + "\r\n5\nhello\r\n0\r\n\r\n", 400),
                arguments("last chunk without its CRLF", POST + chunked + "\r\n0\r\n", 400),
                arguments("two Host headers", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                arguments("no Host in HTTP/1.1", "GET / HTTP/1.1\r\n\r\n", 400),
                arguments("absolute URI with a space", "GET http://a/ b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                arguments("HTTP/1.2 request line with TE", "POST / HTTP/1.2\r\nHost: t\r\n" + chunked + "\r\n", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousRequests")
    void answersOnceWithAnErrorAndClosesSoTheSecondRequestIsNeverParsed(String name, String front, int status)
            throws Exception {
        server.seen().clear();
        try (RawClient client = new RawClient(server.port())) {
            client.write(front + SMUGGLED);
            String answer = client.readToEnd();

            assertThat(answer).as(name).startsWith("HTTP/1.1 " + status + " ").contains("Connection: close");
            assertThat(STATUS_LINE.matcher(answer).results().count()).as(name + ": responses").isEqualTo(1);
        }
        assertThat(server.seen()).as(name + ": targets the handler saw").doesNotContain("/smuggled");
        server.assertServesWellBehavedClient();
    }
}
