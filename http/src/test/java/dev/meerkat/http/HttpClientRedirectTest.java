package dev.meerkat.http;

import static dev.meerkat.http.HttpClientTest.await;
import static dev.meerkat.http.HttpClientTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.Options;
import dev.meerkat.faketls.FakeTlsContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redirects followed as curl's -L follows them, up to the limit. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClientRedirectTest {

    private final LoopThread loop = new LoopThread();
    private final HttpClient client = new HttpClient(loop.manager, HttpClientOptions.defaults().withMaxRedirects(3));

    @AfterEach
    void stop() {
        client.close();
        loop.close();
    }

    /**
     * {@code /NNN?to=URL} answers status NNN with Location URL (with a body to skip); any other path
     * answers 200 with the method, the Authorization header and the body it got.
     */
    private String server() throws Exception {
        HttpServer server = loop.call(() -> HttpServer.listen(loop.manager, "http://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true), (exchange, event) -> {
                    if (event instanceof HttpEvent.Message m) {
                        HttpRequest r = m.request();
                        String[] target = r.target().split("\\?to=", 2);
                        String path = target[0];
                        if (path.matches("/3\\d\\d")) {
                            exchange.reply(Integer.parseInt(path.substring(1)), Headers.of("Location", target[1]),
                                    "moved".getBytes());
                        } else {
                            exchange.reply(200, r.method() + " " + path + " auth=" + r.headers().get("Authorization")
                                    + " body=" + r.bodyText());
                        }
                    }
                }));
        return "http://127.0.0.1:" + loop.call(server::port);
    }

    private HttpResponse post(String url) throws Exception {
        return await(client.send(HttpClientRequest.builder("POST", url).header("Authorization", "Bearer s")
                .body("data").build()));
    }

    /** The client's TLS context is for https: an http URL, or a redirect's first leg, stays plain. */
    @Test
    void aClientWithATlsContextSpeaksPlainToAnHttpUrl() throws Exception {
        String base = server();
        try (HttpClient tlsClient = new HttpClient(loop.manager, HttpClientOptions.defaults().withMaxRedirects(3)
                .withConnection(Options.defaults().withTls(new FakeTlsContext())))) {
            assertThat(await(tlsClient.send(HttpClientRequest.get(base + "/301?to=/plain"))).bodyText())
                    .isEqualTo("GET /plain auth=null body=");
        }
    }

    @Test
    void a303BecomesAGetWithoutBody() throws Exception {
        String base = server();
        assertThat(post(base + "/303?to=/target").bodyText()).isEqualTo("GET /target auth=Bearer s body=");
    }

    @Test
    void a307And308KeepTheMethodAndBody() throws Exception {
        String base = server();
        assertThat(post(base + "/307?to=/target").bodyText()).isEqualTo("POST /target auth=Bearer s body=data");
        assertThat(post(base + "/308?to=/target").bodyText()).isEqualTo("POST /target auth=Bearer s body=data");
    }

    @Test
    void authorizationIsDroppedAcrossOrigins() throws Exception {
        String first = server();
        String other = server();
        assertThat(post(first + "/307?to=" + other + "/elsewhere").bodyText())
                .isEqualTo("POST /elsewhere auth=null body=data");
    }

    @Test
    void moreRedirectsThanTheLimitFail() throws Exception {
        String base = server();
        HttpClientException e = failureOf(client.send(HttpClientRequest.get(base + "/302?to=/302?to=/302?to=/302?to=/end")));

        assertThat(e.kind()).isEqualTo(HttpClientException.Kind.TOO_MANY_REDIRECTS);
        assertThat(e.getMessage()).contains("at most 3 redirects (maxRedirects)");
    }

    @Test
    void withoutALimitTheRedirectIsTheResponse() throws Exception {
        String base = server();
        HttpClient plain = new HttpClient(loop.manager);
        HttpResponse response = await(plain.send(HttpClientRequest.get(base + "/302?to=/target")));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.bodyText()).isEqualTo("moved");
        plain.close();
    }
}
