package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.http.ParseRun.Body;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The response side: framing that depends on the request, and the truncation rule of close-delimited bodies. */
class HttpResponseParserTest {

    private static final MessageEnd COMPLETE = MessageEnd.completed(Headers.empty());

    private static HttpParser parserFor(String... methods) {
        HttpParser parser = HttpParser.responses(HttpLimits.defaults());
        for (String m : methods) {
            parser.expectResponseTo(m);
        }
        return parser;
    }

    @Test
    void parsesStatusLineHeadersAndLengthBody() throws Exception {
        List<Object> parts = ParseRun.whole(parserFor("GET"),
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nServer: t\r\n\r\nhi", null);

        HttpResponseHead head = (HttpResponseHead) parts.get(0);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.reason()).isEqualTo("OK");
        assertThat(head.headers().get("server")).isEqualTo("t");
        assertThat(parts.subList(1, 3)).containsExactly(new Body("hi"), COMPLETE);
    }

    @Test
    void acceptsStatusLineWithoutReason() throws Exception {
        HttpResponseHead head = (HttpResponseHead) ParseRun.whole(parserFor("GET"),
                "HTTP/1.1 204\r\n\r\n", null).get(0);

        assertThat(head.reason()).isEmpty();
    }

    @Test
    void headResponseHasNoBodyDespiteContentLength() throws Exception {
        List<Object> parts = ParseRun.whole(parserFor("HEAD", "GET"),
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", null);

        assertThat(parts).extracting(p -> p instanceof HttpResponseHead h ? h.status() : p)
                .containsExactly(200, COMPLETE, 200, new Body("x"), COMPLETE);
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() throws Exception {
        List<Object> parts = ParseRun.whole(parserFor("GET", "GET"),
                "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n", null);

        assertThat(parts).extracting(p -> p instanceof HttpResponseHead h ? h.status() : p)
                .containsExactly(204, COMPLETE, 304, COMPLETE);
    }

    @Test
    void interimResponseKeepsTheRequestForTheFinalOne() throws Exception {
        List<Object> parts = ParseRun.whole(parserFor("HEAD"),
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", null);

        assertThat(parts).extracting(p -> p instanceof HttpResponseHead h ? h.status() : p)
                .containsExactly(100, COMPLETE, 200, COMPLETE);
    }

    @Test
    void parsesChunkedResponseWithTrailers() throws Exception {
        List<Object> parts = ParseRun.whole(parserFor("GET"),
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n", null);

        assertThat(parts.subList(1, 3)).containsExactly(new Body("abc"),
                MessageEnd.completed(Headers.of("X-T", "1")));
    }

    @ParameterizedTest
    @EnumSource(CloseReason.class)
    void closeDelimitedBodyIsCompleteOnlyOnCleanClose(CloseReason reason) throws Exception {
        List<Object> parts = ParseRun.whole(parserFor("GET"), "HTTP/1.0 200 OK\r\n\r\nevery byte", reason);

        assertThat(parts.subList(1, 3)).containsExactly(new Body("every byte"),
                new MessageEnd(Headers.empty(), reason == CloseReason.CLEAN, reason));
    }

    @ParameterizedTest
    @EnumSource(CloseReason.class)
    void lengthDelimitedBodyThatCompletedStaysCompleteWhateverTheClose(CloseReason reason) throws Exception {
        List<Object> parts = ParseRun.whole(parserFor("GET"),
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc", reason);

        assertThat(parts).hasSize(3).last().isEqualTo(COMPLETE);
    }

    @ParameterizedTest
    @EnumSource(CloseReason.class)
    void unfinishedChunkedBodyIsIncompleteEvenOnCleanClose(CloseReason reason) throws Exception {
        List<Object> parts = ParseRun.whole(parserFor("GET"),
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", reason);

        assertThat(parts.subList(1, 3)).containsExactly(new Body("ab"),
                new MessageEnd(Headers.empty(), false, reason));
    }

    @Test
    void transferCodingNotEndingInChunkedMakesTheBodyCloseDelimited() throws Exception {
        List<Object> parts = ParseRun.whole(parserFor("GET"),
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzzz", CloseReason.TRUNCATED_NO_CLOSE_NOTIFY);

        assertThat(parts.subList(1, 3)).containsExactly(new Body("zzz"),
                new MessageEnd(Headers.empty(), false, CloseReason.TRUNCATED_NO_CLOSE_NOTIFY));
    }

    /** Without a method queued a response is framed as one to GET; once one is, it pairs with it. */
    @Test
    void aResponseToNoQueuedMethodIsFramedAsToGet() throws Exception {
        HttpParser parser = parserFor();
        List<Object> first = ParseRun.whole(parser, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", null);
        parser.expectResponseTo("HEAD");
        List<Object> second = ParseRun.whole(parser, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n", null);

        assertThat(first.subList(1, 3)).containsExactly(new Body("x"), COMPLETE);
        assertThat(second.subList(1, 2)).containsExactly(COMPLETE);
    }

    @Test
    void switchingProtocolsLeavesTheRestUntouched() throws Exception {
        HttpParser parser = parserFor("GET");
        ByteBuffer in = ByteBuffer.wrap(ParseRun.latin1("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0000"));

        assertThat(parser.next(in)).isInstanceOf(HttpResponseHead.class);
        assertThat(parser.next(in)).isEqualTo(COMPLETE);
        assertThat(parser.next(in)).isNull();
        assertThat(parser.isUpgraded()).isTrue();
        assertThat(in.remaining()).isEqualTo(2);
    }

    @Test
    void successfulConnectBecomesATunnel() throws Exception {
        HttpParser parser = parserFor("CONNECT");
        ByteBuffer in = ByteBuffer.wrap(ParseRun.latin1("HTTP/1.1 200 OK\r\n\r\nraw"));

        parser.next(in);
        assertThat(parser.next(in)).isEqualTo(COMPLETE);
        assertThat(parser.isUpgraded()).isTrue();
        assertThat(in.remaining()).isEqualTo(3);
    }
}
