package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lines and header sections far over the default limits (HttpLimits.defaults()): each gets its
 * status and a close, the handler never answers it, and the buffers it filled are given back.
 * A client still sending when the server answers reads the answer too: the server half-closes and
 * reads and discards what still comes (a lingering close, as nginx's {@code lingering_close}); a
 * close with unread input would reset the connection and could destroy the answer before the client
 * read it (200 KiB of empty lines lost it 6 times in 10 before).
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

    /** 200 KiB of empty lines and a 1 MiB request line, ten times each: the answer arrives every time. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stillSending")
    void aClientStillSendingReadsTheAnswerEveryTime(String name, String request, int status) throws Exception {
        for (int round = 0; round < 10; round++) {
            try (RawClient client = new RawClient(server.port())) {
                client.write(request);
                assertThat(client.readToEnd()).as("%s, round %d", name, round).startsWith("HTTP/1.1 " + status + " ")
                        .contains("Connection: close");
            }
        }
        server.assertServesWellBehavedClient();
        server.assertRestored(baseline);
    }

    static Stream<Arguments> stillSending() {
        return Stream.of(
                arguments("100,000 empty lines", "\r\n".repeat(100_000) + "GET / HTTP/1.1\r\nHost: t\r\n\r\n", 400),
                arguments("1 MiB request line", "GET /" + "a".repeat(1024 * 1024) + " HTTP/1.1\r\nHost: t\r\n\r\n", 414));
    }

    /**
     * The lingering close is bounded: a client that reads the answer but neither closes nor sends is
     * closed after the lingering timeout, one that keeps sending after the lingering time.
     */
    @Test
    void theLingeringCloseEndsAfterItsTimeoutAndItsTime() throws Exception {
        Duration second = Duration.ofSeconds(1);
        try (RecordingServer lingering = new RecordingServer(HttpServerOptions.builder().lingeringClose(second, second)
                .build())) {
            try (RawClient silent = new RawClient(lingering.port()); RawClient sending = new RawClient(lingering.port())) {
                silent.write("GET /" + KIB_100 + " HTTP/1.1\r\n");
                sending.write("GET /" + KIB_100 + " HTTP/1.1\r\n");
                assertThat(silent.readUntil("\r\n\r\n")).startsWith("HTTP/1.1 414 ");
                assertThat(sending.readUntil("\r\n\r\n")).startsWith("HTTP/1.1 414 ");
                boolean open = true;
                for (int i = 0; i < 100 && lingering.connections() > 0; i++) {
                    open = open && sending.tryWrite("more junk\r\n");
                    Thread.sleep(100);
                }
                assertThat(lingering.connections()).as("connections after 10 s of lingering").isZero();
            }
        }
    }
}
