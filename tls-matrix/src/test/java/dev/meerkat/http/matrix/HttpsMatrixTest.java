package dev.meerkat.http.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Options;
import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpClient;
import dev.meerkat.http.HttpClientOptions;
import dev.meerkat.http.HttpClientRequest;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpResponse;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.matrix.MatrixLoop;
import dev.meerkat.tls.matrix.ProviderPairs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTPS end to end over the real providers: every available server provider against every available
 * client provider, through {@link HttpServer} / {@link HttpClient} and the one TLS layer. The
 * close-delimited cases are the seed bug (Mongoose 2570): a body ended by the server's close is
 * complete only when close_notify came, and never loses a byte either way.
 */
@Timeout(60)
class HttpsMatrixTest {

    private static final TestPki PKI = TestPki.get();
    private static final long WAIT_SECONDS = 15;
    /** Larger than one TLS record, so the body spans several. */
    private static final String BODY = "0123456789abcdef".repeat(3000);

    private final MatrixLoop loop = new MatrixLoop();
    private HttpClient client;

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        loop.close();
    }

    @Test
    void seesAtLeastTheJdkProvider() {
        assertThat(ProviderPairs.availableProviders()).contains("jdk");
    }

    @ParameterizedTest(name = "{0} server, {1} client")
    @MethodSource(ProviderPairs.PAIRS)
    void keepAliveExchangeOfSeveralRequests(String server, String clientProvider) throws Exception {
        start(clientProvider);
        HttpServer http = loop.call(() -> HttpServer.listen(loop.manager, "https://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true).withConnection(Options.defaults().withTls(serverContext(server))),
                (exchange, event) -> {
                    if (event instanceof HttpEvent.Message m) {
                        exchange.reply(200, Headers.of("X-Peer-Port", "" + exchange.connection().remoteAddress().getPort()),
                                (m.request().target() + " " + m.request().bodyText()).getBytes(StandardCharsets.UTF_8));
                    }
                }));
        String url = "https://127.0.0.1:" + loop.call(http::port);
        List<String> ports = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            HttpClientRequest request = i % 2 == 0
                    ? HttpClientRequest.builder("POST", url + "/" + i).body("payload " + i).build()
                    : HttpClientRequest.get(url + "/" + i);
            HttpResponse response = client.send(request).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.complete()).isTrue();
            assertThat(response.bodyText()).isEqualTo("/" + i + " " + (i % 2 == 0 ? "payload " + i : ""));
            ports.add(response.headers().get("X-Peer-Port"));
        }
        assertThat(ports).as("client ports: one keep-alive connection served all").containsOnly(ports.get(0));
    }

    @ParameterizedTest(name = "{0} server, {1} client")
    @MethodSource(ProviderPairs.PAIRS)
    void closeDelimitedBodyEndedWithCloseNotifyIsComplete(String server, String clientProvider) throws Exception {
        start(clientProvider);
        int port = listenCloseDelimited(server, false);
        HttpResponse response = client.send(HttpClientRequest.get("https://127.0.0.1:" + port + "/"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(response.bodyText()).isEqualTo(BODY);
        assertThat(response.complete()).isTrue();
        assertThat(response.closeReason()).isEqualTo(CloseReason.CLEAN);
    }

    @ParameterizedTest(name = "{0} server, {1} client")
    @MethodSource(ProviderPairs.PAIRS)
    void closeDelimitedBodyEndedWithoutCloseNotifyIsMarkedTruncated(String server, String clientProvider)
            throws Exception {
        start(clientProvider);
        int port = listenCloseDelimited(server, true);
        HttpResponse response = client.send(HttpClientRequest.get("https://127.0.0.1:" + port + "/"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(response.bodyText()).as("every byte sent before the close").isEqualTo(BODY);
        assertThat(response.complete()).isFalse();
        assertThat(response.closeReason()).isEqualTo(CloseReason.TRUNCATED_NO_CLOSE_NOTIFY);
    }

    private void start(String clientProvider) throws TlsException {
        TlsContext clientContext = loop.context(clientProvider, PKI.clientConfig().build());
        client = new HttpClient(loop.manager, HttpClientOptions.defaults()
                .withConnection(Options.defaults().withTls(clientContext)));
    }

    private TlsContext serverContext(String provider) {
        try {
            return loop.context(provider, PKI.serverConfig(PKI.server()).build());
        } catch (TlsException e) {
            throw new IllegalStateException("expected a server context from " + provider + " but: " + e.getMessage(), e);
        }
    }

    /**
     * An HTTP/1.0-style server: after the request head it sends a response without length, ended by
     * closing. {@code abrupt}: close without close_notify, once every byte reached the socket (a Write
     * with nothing queued), as a server that drops the connection does.
     */
    private int listenCloseDelimited(String server, boolean abrupt) throws Exception {
        TlsContext context = serverContext(server);
        Handler handler = new Handler() {
            private final StringBuilder request = new StringBuilder();
            private boolean responded;

            @Override
            public void handle(Connection c, Event event) {
                if (event instanceof Event.Read read && !responded) {
                    byte[] bytes = new byte[read.data().remaining()];
                    read.data().get(bytes);
                    request.append(new String(bytes, StandardCharsets.ISO_8859_1));
                    if (request.indexOf("\r\n\r\n") >= 0) {
                        responded = true;
                        c.send(("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + BODY).getBytes(StandardCharsets.ISO_8859_1));
                        if (!abrupt) {
                            c.closeAfterFlush();
                        }
                    }
                } else if (event instanceof Event.Write write && abrupt && responded && write.queued() == 0) {
                    c.close();
                }
            }
        };
        Connection listener = loop.call(() -> loop.manager.listen("tcp://127.0.0.1:0",
                Options.defaults().withTls(context), handler));
        return loop.call(() -> listener.localAddress().getPort());
    }
}
