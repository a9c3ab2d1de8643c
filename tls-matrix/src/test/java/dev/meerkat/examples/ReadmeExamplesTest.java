package dev.meerkat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.http.HttpClient;
import dev.meerkat.http.HttpClientOptions;
import dev.meerkat.http.HttpClientRequest;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpResponse;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.ws.WebSocket;
import dev.meerkat.ws.WsEvent;
import dev.meerkat.ws.WsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's examples, verbatim but for the file names, so that the front door stays true. */
@Timeout(30)
class ReadmeExamplesTest {

    private static final Path DIR = TestPki.get().dir();

    @Test
    void tlsEchoServerAndClient() throws Exception {
        List<String> printed = new ArrayList<>();
        // --- README: TLS echo ---
        KeyMaterial key = KeyMaterial.fromPem(DIR.resolve("server-chain.pem"), DIR.resolve("server.key"));
        TlsContext serverTls = TlsProviders.named("jdk").newContext(TlsConfig.server(key).build());
        TlsContext clientTls = TlsProviders.named("jdk").newContext(
                TlsConfig.client().trustPem(DIR.resolve("ca.pem")).build());

        try (Manager mgr = new Manager()) {
            Connection listener = mgr.listen("tls://127.0.0.1:0", Options.defaults().withTls(serverTls),
                    (c, event) -> {
                        if (event instanceof Event.Read read) {
                            c.send(read.data());              // echo; send() consumes what it queues
                        }
                    });
            int port = listener.localAddress().getPort();

            mgr.connect("tls://localhost:" + port, Options.defaults().withTls(clientTls), (c, event) -> {
                if (event instanceof Event.TlsHandshake) {
                    c.send("hello".getBytes(StandardCharsets.UTF_8));
                } else if (event instanceof Event.Read read) {
                    printed.add(StandardCharsets.UTF_8.decode(read.data()).toString());  // consumes it
                    c.closeAfterFlush();                  // sends close_notify, then closes
                } else if (event instanceof Event.Close close) {
                    printed.add("closed: " + close.reason());
                }
            });
            for (int i = 0; i < 100 && printed.size() < 2; i++) {
                mgr.poll(50);
            }
        }
        // --- end ---
        serverTls.close();
        clientTls.close();
        assertThat(printed).containsExactly("hello", "closed: " + CloseReason.LOCAL);
    }

    @Test
    void httpsServerAndClient() throws Exception {
        KeyMaterial key = KeyMaterial.fromPem(DIR.resolve("server-chain.pem"), DIR.resolve("server.key"));
        // --- README: HTTPS ---
        TlsContext serverTls = TlsProviders.named("openssl").newContext(TlsConfig.server(key).build());
        TlsContext clientTls = TlsProviders.named("bc").newContext(
                TlsConfig.client().trustPem(DIR.resolve("ca.pem")).build());

        Manager mgr = new Manager().start();
        HttpServer server = mgr.submit(() -> HttpServer.listen(mgr, "https://127.0.0.1:0",
                HttpServerOptions.defaults().withBufferedBodies(true).withConnection(Options.defaults().withTls(serverTls)),
                (exchange, event) -> {
                    if (event instanceof HttpEvent.Message m) {
                        exchange.reply(200, "hello " + m.request().target());
                    }
                })).get(5, TimeUnit.SECONDS);
        int port = mgr.submit(server::port).get(5, TimeUnit.SECONDS);

        HttpClient client = new HttpClient(mgr,
                HttpClientOptions.defaults().withConnection(Options.defaults().withTls(clientTls)));
        HttpResponse response = client.send(HttpClientRequest.get("https://localhost:" + port + "/meerkat"))
                .get(10, TimeUnit.SECONDS);
        // response.complete() is false when a body framed by the close of the connection did not end
        // with close_notify: the bytes are all there, but the end may be missing.
        // --- end ---
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("hello /meerkat");
        assertThat(response.complete()).isTrue();
        Thread loop = mgr.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        client.close();
        mgr.close();
        assertThat(loop.isAlive()).isFalse();
        serverTls.close();
        clientTls.close();
    }

    @Test
    void webSocketEcho() throws Exception {
        List<String> printed = new ArrayList<>();
        try (Manager mgr = new Manager()) {
            // --- README: WebSocket ---
            HttpServer server = HttpServer.listen(mgr, "http://127.0.0.1:0", HttpServerOptions.defaults().withBufferedBodies(true),
                    (exchange, event) -> {
                        if (event instanceof HttpEvent.Message && WebSocket.isUpgradeRequest(exchange)) {
                            WebSocket.accept(exchange, WsOptions.defaults(), (ws, e) -> {
                                if (e instanceof WsEvent.Text text) {
                                    ws.send("echo: " + text.text());
                                }
                            });
                        } else if (event instanceof HttpEvent.Message) {
                            exchange.reply(404, "not a WebSocket");
                        }
                    });
            WebSocket.connect(mgr, "ws://127.0.0.1:" + server.port() + "/chat", WsOptions.defaults(), (ws, e) -> {
                if (e instanceof WsEvent.Open) {
                    ws.send("hello");
                } else if (e instanceof WsEvent.Text text) {
                    printed.add(text.text());
                    ws.close(1000, "done");
                } else if (e instanceof WsEvent.Close close) {
                    printed.add("closed " + close.code());
                }
            });
            // --- end ---
            for (int i = 0; i < 100 && printed.size() < 2; i++) {
                mgr.poll(50);
            }
        }
        assertThat(printed).containsExactly("echo: hello", "closed 1000");
    }
}
