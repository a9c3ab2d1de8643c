package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.CloseReason;
import dev.meerkat.http.ParseRun.Body;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HttpParserTest {

    private static final MessageEnd COMPLETE = MessageEnd.completed(Headers.empty());

    private static List<Object> requests(String input) throws HttpParseException {
        return ParseRun.whole(HttpParser.requests(HttpLimits.defaults()), input, null);
    }

    @Test
    void parsesGetWithHeadersInOrder() throws Exception {
        List<Object> parts = requests("GET /a/b?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept:  */* \r\n"
                + "X-Two: 1\r\nx-two: 2\r\n\r\n");

        HttpRequestHead head = (HttpRequestHead) parts.get(0);
        assertThat(head.method()).isEqualTo("GET");
        assertThat(head.target()).isEqualTo("/a/b?x=1");
        assertThat(head.path()).isEqualTo("/a/b");
        assertThat(head.query()).isEqualTo("x=1");
        assertThat(head.version()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(head.headers().get("HOST")).isEqualTo("example.com");
        assertThat(head.headers().get("accept")).isEqualTo("*/*");
        assertThat(head.headers().all("X-TWO")).containsExactly("1", "2");
        assertThat(head.headers().fields()).extracting(Headers.Field::name)
                .containsExactly("Host", "Accept", "X-Two", "x-two");
        assertThat(parts).hasSize(2).last().isEqualTo(COMPLETE);
    }

    @Test
    void parsesContentLengthBody() throws Exception {
        List<Object> parts = requests("POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");

        assertThat(parts.subList(1, 3)).containsExactly(new Body("hello"), COMPLETE);
    }

    @Test
    void parsesChunkedBodyIgnoringExtensionsAndKeepingTrailers() throws Exception {
        List<Object> parts = requests("POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6 ; x\r\n world\r\n0\r\nChecksum: abc\r\n\r\n");

        assertThat(parts.subList(1, 3)).containsExactly(new Body("hello world"),
                MessageEnd.completed(Headers.of("Checksum", "abc")));
    }

    @Test
    void parsesPipelinedRequestsOneAfterAnother() throws Exception {
        List<Object> parts = requests("GET /1 HTTP/1.1\r\n\r\n"
                + "POST /2 HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi"
                + "PUT /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n");

        assertThat(parts).extracting(p -> p instanceof HttpRequestHead h ? h.target() : p)
                .containsExactly("/1", COMPLETE, "/2", new Body("hi"), COMPLETE, "/3", new Body("x"), COMPLETE);
    }

    @Test
    void skipsEmptyLinesBeforeTheRequestLine() throws Exception {
        List<Object> parts = requests("\r\n\r\nGET / HTTP/1.1\r\n\r\n");

        assertThat(parts).hasSize(2);
    }

    @Test
    void deliversBodyBytesAsTheyArriveWithoutWaitingForTheRest() throws Exception {
        HttpParser parser = HttpParser.requests(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(ParseRun.latin1("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"));

        assertThat(parser.next(in)).isInstanceOf(HttpRequestHead.class);
        assertThat(((BodyChunk) parser.next(in)).bytes()).isEqualTo(ParseRun.latin1("abc"));
        assertThat(parser.next(in)).isNull();
        assertThat(parser.isIdle()).isFalse();
    }

    @Test
    void keepAliveFollowsVersionAndConnectionHeader() throws Exception {
        assertThat(head("GET / HTTP/1.1\r\n\r\n").keepAlive()).isTrue();
        assertThat(head("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepAlive()).isTrue();
        assertThat(head("GET / HTTP/1.1\r\nConnection: upgrade, close\r\n\r\n").keepAlive()).isFalse();
    }

    @Test
    void exposesExpectContinueOnlyInHttp11() throws Exception {
        assertThat(head("PUT / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n").expectsContinue())
                .isTrue();
        assertThat(head("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n").expectsContinue())
                .isFalse();
        assertThat(head("GET / HTTP/1.1\r\n\r\n").expectsContinue()).isFalse();
    }

    @Test
    void treatsHigherMinorVersionAsHttp11() throws Exception {
        assertThat(head("GET / HTTP/1.2\r\n\r\n").version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void mergesIdenticalContentLengths() throws Exception {
        assertThat(requests("POST / HTTP/1.1\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok"))
                .contains(new Body("ok"));
    }

    @Test
    void namesTheFailedMessageAfterDeliveringTheOnesBefore() throws Exception {
        HttpParser parser = HttpParser.requests(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(ParseRun.latin1("GET /ok HTTP/1.1\r\n\r\nGET /bad HTTP/1.1\r\nBad Name: x\r\n\r\n"));

        assertThat(parser.next(in)).isInstanceOf(HttpRequestHead.class);
        assertThat(parser.next(in)).isEqualTo(COMPLETE);
        assertThatThrownBy(() -> parser.next(in)).isInstanceOfSatisfying(HttpParseException.class, e -> {
            assertThat(e.messageNumber()).isEqualTo(2);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).startsWith("message 2: ");
        });
        assertThatThrownBy(() -> parser.next(in)).isInstanceOf(HttpParseException.class);
    }

    @Test
    void failsWhenTheInputEndsInsideAHead() throws Exception {
        HttpParser parser = HttpParser.requests(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(ParseRun.latin1("GET / HTTP/1.1\r\nHost: x"));
        assertThat(parser.next(in)).isNull();

        assertThatThrownBy(() -> parser.endOfInput(CloseReason.CLEAN)).isInstanceOf(HttpParseException.class)
                .hasMessageContaining("expected a complete request head but the input ended (CLEAN)");
    }

    @Test
    void endsQuietlyBetweenMessages() throws Exception {
        assertThat(ParseRun.whole(HttpParser.requests(HttpLimits.defaults()), "GET / HTTP/1.1\r\n\r\n",
                CloseReason.CLEAN)).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(CloseReason.class)
    void requestBodyCutShortIsIncompleteWithTheReason(CloseReason reason) throws Exception {
        List<Object> parts = ParseRun.whole(HttpParser.requests(HttpLimits.defaults()),
                "POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nabc", reason);

        assertThat(parts.subList(1, 3)).containsExactly(new Body("abc"),
                new MessageEnd(Headers.empty(), false, reason));
    }

    /**
     * Each head's fields are its own, and the field count limit counts each section anew: the field
     * builder is dropped after each head (an idle connection holds none) and made again at the next field.
     */
    @Test
    void eachPipelinedHeadHasItsOwnFieldsAndItsOwnFieldCount() throws Exception {
        HttpLimits twoFields = new HttpLimits(8 * 1024, 2, 64 * 1024, 4 * 1024);
        List<Object> parts = ParseRun.whole(HttpParser.requests(twoFields), "GET /1 HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n"
                + "GET /2 HTTP/1.1\r\n\r\n" + "GET /3 HTTP/1.1\r\nC: 3\r\nD: 4\r\n\r\n", null);

        assertThat(parts).filteredOn(HttpRequestHead.class::isInstance).map(p -> ((HttpRequestHead) p).headers())
                .containsExactly(Headers.of("A", "1", "B", "2"), Headers.empty(), Headers.of("C", "3", "D", "4"));
        assertThatThrownBy(() -> ParseRun.whole(HttpParser.requests(twoFields),
                "GET /1 HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\nGET /2 HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", null))
                .isInstanceOfSatisfying(HttpParseException.class, e -> {
                    assertThat(e.status()).isEqualTo(431);
                    assertThat(e.messageNumber()).isEqualTo(2);
                });
    }

    private static HttpRequestHead head(String input) throws HttpParseException {
        return (HttpRequestHead) requests(input).get(0);
    }
}
