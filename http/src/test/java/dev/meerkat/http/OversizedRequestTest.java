package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lines and header sections far over the default limits (HttpLimits.defaults()): each gets its
 * status and a close, the handler never answers it, and the buffers it filled are given back.
 * Each case stays near 100 KiB, so the client has written everything before the server closes: the
 * server does not linger to drain unread input, so bytes still coming after its close are answered
 * with a reset, which can destroy the error response before the client reads it (200 KiB of empty
 * lines lost it 6 times in 10; HttpParserRejectsTest holds the parser to 100,000 of them).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OversizedRequestTest {

    private static final String KIB_100 = "a".repeat(100 * 1024);
    private static RecordingServer server;
    private static Baseline baseline;

    @BeforeAll
    static void listen() throws Exception {
        server = new RecordingServer(HttpServerOptions.defaults());
        server.assertServesWellBehavedClient();
        baseline = Baseline.of(server.budget);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> oversized() {
        String post = "POST /big HTTP/1.1\r\nHost: t\r\n";
        String chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
        return Stream.of(
                arguments("100 KiB request line", "GET /" + KIB_100 + " HTTP/1.1\r\nHost: t\r\n\r\n", 414,
                        "expected a request line of at most 8192 bytes but was longer"),
                arguments("5,000 empty lines", "\r\n".repeat(5_000) + "GET / HTTP/1.1\r\nHost: t\r\n\r\n", 400,
                        "expected a request line after at most 8192 bytes of empty lines but was more"),
                arguments("one 100 KiB header", "GET /big HTTP/1.1\r\nHost: t\r\nX-A: " + KIB_100 + "\r\n\r\n", 431,
                        "header section limit"),
                arguments("10,000 headers", "GET /big HTTP/1.1\r\nHost: t\r\n" + "X-A: 1\r\n".repeat(10_000) + "\r\n",
                        431, "expected at most 100 header fields but was more"),
                arguments("100 KiB chunk extension", chunked + "5;" + KIB_100 + "\r\nhello\r\n0\r\n\r\n", 400,
                        "chunk"),
                arguments("100 KiB trailer", chunked + "0\r\nX-T: " + KIB_100 + "\r\n\r\n", 431, "trailer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void answersWithItsStatusClosesAndGivesTheBuffersBack(String name, String request, int status, String message)
            throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.write(request);
            assertThat(client.readToEnd()).as(name).startsWith("HTTP/1.1 " + status + " ")
                    .contains("Connection: close").contains(message).doesNotContain("served /big");
        }
        server.assertServesWellBehavedClient();
        server.assertRestored(baseline);
    }
}
