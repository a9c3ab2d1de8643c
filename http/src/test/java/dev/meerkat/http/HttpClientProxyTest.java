package dev.meerkat.http;

import static dev.meerkat.http.HttpClientTest.await;
import static dev.meerkat.http.HttpClientTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.Options;
import dev.meerkat.faketls.FakeTlsContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Requests through an HTTP proxy: https in a CONNECT tunnel with TLS to the origin, http in absolute form. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientProxyTest {

    private final LoopThread loop = new LoopThread();

    @AfterEach
    void stop() {
        loop.close();
    }

    private HttpClient client(String proxy) {
        return new HttpClient(loop.manager, HttpClientOptions.defaults().withProxy(proxy)
                .withConnection(Options.defaults().withTls(new FakeTlsContext())));
    }

    /** An https server (the fake TLS) answering with whether TLS carried the request, and its body. */
    private int httpsServer() throws Exception {
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "https://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true).withConnection(Options.defaults().withTls(new FakeTlsContext())),
                (exchange, event) -> {
                    if (event instanceof HttpEvent.Message m) {
                        exchange.reply(200, "tls=" + exchange.connection().isTls() + " " + m.request().target() + " "
                                + m.request().bodyText());
                    }
                }));
        return loop.call(server::port);
    }

    @Test
    void httpsGoesThroughACONNECTTunnelWithTlsToTheOrigin() throws Exception {
        int port = httpsServer();
        try (TestProxy proxy = new TestProxy(null)) {
            HttpClient client = client(proxy.url());
            String url = "https://127.0.0.1:" + port + "/secret?q=1";
            HttpResponse first = await(client.send(HttpClientRequest.builder("POST", url).body("one").build()));
            HttpResponse second = await(client.send(HttpClientRequest.builder("POST", url).body("two").build()));

            assertThat(first.bodyText()).isEqualTo("tls=true /secret?q=1 one");
            assertThat(second.bodyText()).isEqualTo("tls=true /secret?q=1 two");
            assertThat(first.tlsSession()).isNotNull();
            assertThat(proxy.requestLines).as("one tunnel, reused").containsExactly("CONNECT 127.0.0.1:" + port + " HTTP/1.1");
        }
    }

    @Test
    void aRefusedTunnelFailsTheExchangeNamingTheProxysAnswer() throws Exception {
        try (TestProxy proxy = new TestProxy("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")) {
            HttpClientException e = failureOf(client(proxy.url()).send(HttpClientRequest.get("https://127.0.0.1:9/")));

            assertThat(e.kind()).isEqualTo(HttpClientException.Kind.CONNECT);
            assertThat(e.getMessage()).contains("expected 2xx to CONNECT 127.0.0.1:9 but was 407 Proxy Authentication Required");
        }
    }

    @Test
    void hostsInNoProxyAreReachedDirectly() throws Exception {
        assertThat(NoProxy.matches(".example.com", "a.example.com")).isTrue();
        assertThat(NoProxy.matches("example.com", "example.com")).isTrue();
        assertThat(NoProxy.matches("example.com", "badexample.com")).isFalse();
        int port = httpsServer();
        try (TestProxy proxy = new TestProxy(null)) {
            HttpClient client = new HttpClient(loop.manager, HttpClientOptions.defaults().withProxy(proxy.url())
                    .withNoProxy(List.of("localhost", "127.0.0.1"))
                    .withConnection(Options.defaults().withTls(new FakeTlsContext())));
            HttpResponse response = await(client.send(HttpClientRequest.get("https://127.0.0.1:" + port + "/direct")));

            assertThat(response.bodyText()).startsWith("tls=true /direct");
            assertThat(proxy.requestLines).isEmpty();
        }
    }

    @Test
    void plainHttpGoesToTheProxyInAbsoluteForm() throws Exception {
        try (TestProxy proxy = new TestProxy(null)) {
            HttpResponse response = await(client(proxy.url()).send(HttpClientRequest.get("http://example.test:8080/a?b=c")));

            assertThat(response.bodyText()).isEqualTo("GET http://example.test:8080/a?b=c HTTP/1.1");
        }
    }
}
