package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpRequestHead;
import dev.meerkat.http.HttpResponseHead;
import dev.meerkat.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    void computesTheRfcExampleAcceptKey() {
        // RFC 6455 §1.3.
        assertThat(AcceptKey.of(RFC_KEY)).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void makesRandomKeysOfSixteenBytes() {
        String a = AcceptKey.newKey();
        assertThat(AcceptKey.isValid(a)).isTrue();
        assertThat(AcceptKey.newKey()).isNotEqualTo(a);
    }

    @Test
    void rejectsKeysThatAreNotSixteenBase64Bytes() {
        assertThat(AcceptKey.isValid("AQIDBAUGBwgJCgsMDQ4P")).as("15 bytes").isFalse();
        assertThat(AcceptKey.isValid("AQIDBAUGBwgJCgsMDQ4PEBE=")).as("17 bytes").isFalse();
        assertThat(AcceptKey.isValid("dGhlIHNhbXBsZSBub25jZQ!=")).as("not base64").isFalse();
        assertThat(AcceptKey.isValid(null)).isFalse();
    }

    @Test
    void acceptsAValidRequestWithTheRfcAnswer() {
        ServerHandshake.Answer answer = ServerHandshake.answer(request(validHeaders()), List.of(), Headers.empty());
        assertThat(answer.status()).isEqualTo(101);
        assertThat(answer.headers().get("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(answer.headers().hasToken("Upgrade", "websocket")).isTrue();
        assertThat(answer.headers().hasToken("Connection", "upgrade")).isTrue();
        assertThat(answer.headers().contains("Sec-WebSocket-Protocol")).isFalse();
    }

    @Test
    void acceptsTokensInAnyCaseAndInLists() {
        Headers h = validHeaders().withReplaced("Connection", "keep-alive, UPGRADE").withReplaced("Upgrade", "WebSocket");
        assertThat(ServerHandshake.answer(request(h), List.of(), Headers.empty()).status()).isEqualTo(101);
    }

    @Test
    void selectsTheClientsFirstSupportedSubprotocol() {
        Headers h = validHeaders().with("Sec-WebSocket-Protocol", "chat.v2, chat.v1").with("Sec-WebSocket-Protocol", "x");
        ServerHandshake.Answer answer = ServerHandshake.answer(request(h), List.of("x", "chat.v1"), Headers.empty());
        assertThat(answer.subprotocol()).isEqualTo("chat.v1");
        assertThat(answer.headers().get("Sec-WebSocket-Protocol")).isEqualTo("chat.v1");
    }

    @Test
    void refusesInvalidRequestsWith400() {
        Headers valid = validHeaders();
        assertStatus(new HttpRequestHead("POST", "/", HttpVersion.HTTP_1_1, valid), 400, "method GET");
        assertStatus(new HttpRequestHead("GET", "/", HttpVersion.HTTP_1_0, valid), 400, "HTTP/1.1");
        assertStatus(request(valid.toBuilder().remove("Upgrade").build()), 400, "Upgrade");
        assertStatus(request(valid.withReplaced("Connection", "keep-alive")), 400, "Connection");
        assertStatus(request(valid.toBuilder().remove("Sec-WebSocket-Key").build()), 400, "Sec-WebSocket-Key");
        assertStatus(request(valid.withReplaced("Sec-WebSocket-Key", "AQIDBAUGBwgJCgsMDQ4P")), 400, "16");
        assertStatus(request(valid.with("Sec-WebSocket-Key", RFC_KEY)), 400, "one Sec-WebSocket-Key");
    }

    @Test
    void refusesAnotherVersionWith426NamingVersion13() {
        ServerHandshake.Answer answer = ServerHandshake.answer(request(validHeaders().withReplaced("Sec-WebSocket-Version", "8")),
                List.of(), Headers.empty());
        assertThat(answer.status()).isEqualTo(426);
        assertThat(answer.headers().get("Sec-WebSocket-Version")).isEqualTo("13");
        assertThat(answer.problem()).contains("expected Sec-WebSocket-Version 13 but was [8]");
    }

    @Test
    void writesTheClientRequest() {
        ClientHandshake handshake = new ClientHandshake(List.of("chat"));
        String request = new String(handshake.request(URI.create("ws://example.com:8080/a/b?q=1"),
                Headers.of("Origin", "http://example.com")), StandardCharsets.ISO_8859_1);
        assertThat(request).startsWith("GET /a/b?q=1 HTTP/1.1\r\n").contains("Host: example.com:8080\r\n",
                "Upgrade: websocket\r\n", "Connection: Upgrade\r\n", "Sec-WebSocket-Version: 13\r\n",
                "Sec-WebSocket-Protocol: chat\r\n", "Origin: http://example.com\r\n").endsWith("\r\n\r\n");
        assertThat(new String(handshake.request(URI.create("wss://example.com"), Headers.empty()),
                StandardCharsets.ISO_8859_1)).startsWith("GET / HTTP/1.1\r\nHost: example.com\r\n");
    }

    @Test
    void mapsUrlsToTransports() {
        assertThat(ClientHandshake.transport(ClientHandshake.parse("ws://127.0.0.1/x"))).isEqualTo("tcp://127.0.0.1:80");
        assertThat(ClientHandshake.transport(ClientHandshake.parse("WSS://localhost:8443"))).isEqualTo("tls://localhost:8443");
        assertThat(ClientHandshake.transport(ClientHandshake.parse("ws://[::1]:9/"))).isEqualTo("tcp://[::1]:9");
        assertThatThrownBy(() -> ClientHandshake.parse("http://h/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ws://");
        assertThatThrownBy(() -> ClientHandshake.parse("ws://h/#f")).hasMessageContaining("fragment");
    }

    @Test
    void checksTheServersAnswer() throws Exception {
        ClientHandshake handshake = new ClientHandshake(List.of("chat"));
        String key = keyOf(handshake);
        Headers good = Headers.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", AcceptKey.of(key));

        assertThat(handshake.check(response(101, good))).isNull();
        assertThat(handshake.check(response(101, good.with("Sec-WebSocket-Protocol", "chat")))).isEqualTo("chat");
        assertRefused(handshake, response(200, good), "expected status 101");
        assertRefused(handshake, response(101, good.withReplaced("Sec-WebSocket-Accept", AcceptKey.of(RFC_KEY))),
                "Sec-WebSocket-Accept");
        assertRefused(handshake, response(101, good.toBuilder().remove("Upgrade").build()), "Upgrade");
        assertRefused(handshake, response(101, good.withReplaced("Connection", "close")), "Connection");
        assertRefused(handshake, response(101, good.with("Sec-WebSocket-Protocol", "other")), "subprotocol");
        assertRefused(handshake, response(101, good.with("Sec-WebSocket-Extensions", "permessage-deflate")),
                "Extensions");
    }

    private static void assertRefused(ClientHandshake handshake, HttpResponseHead response, String messagePart) {
        assertThatThrownBy(() -> handshake.check(response)).isInstanceOf(WsHandshakeException.class)
                .hasMessageContaining(messagePart);
    }

    private static String keyOf(ClientHandshake handshake) {
        String request = new String(handshake.request(URI.create("ws://h/"), Headers.empty()), StandardCharsets.ISO_8859_1);
        int start = request.indexOf("Sec-WebSocket-Key: ") + "Sec-WebSocket-Key: ".length();
        return request.substring(start, request.indexOf("\r\n", start));
    }

    private static HttpResponseHead response(int status, Headers headers) {
        return HttpResponseHead.of(status, headers);
    }

    private static void assertStatus(HttpRequestHead request, int status, String problemPart) {
        ServerHandshake.Answer answer = ServerHandshake.answer(request, List.of(), Headers.empty());
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.problem()).contains(problemPart);
    }

    private static Headers validHeaders() {
        return Headers.of("Host", "server.example.com", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", RFC_KEY, "Sec-WebSocket-Version", "13");
    }

    private static HttpRequestHead request(Headers headers) {
        return new HttpRequestHead("GET", "/chat", HttpVersion.HTTP_1_1, headers);
    }
}
