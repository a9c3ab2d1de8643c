package dev.meerkat.examples.openssl;

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
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTPS GET with the {@code openssl} provider (BoringSSL through netty-tcnative), from Meerkat's
 * {@link HttpClient} to a local Meerkat server on the same provider, both polled by one manager on
 * this thread. Throws (exit status 1) unless the whole body came back over openssl.
 */
public final class HttpsGetOverOpenssl {

    private static final String BODY = "hello over openssl";

    public static void main(String[] args) throws Exception {
        TlsProvider openssl = TlsProviders.named("openssl");
        KeyMaterial key = KeyMaterial.selfSigned("127.0.0.1");
        Options server = Options.defaults().withTls(openssl.newContext(TlsConfig.server(key).build()));
        Options client = Options.defaults().withTls(openssl.newContext(
                TlsConfig.client().trustCertificates(List.of(key.leaf())).build()));
        try (Manager manager = new Manager()) {
            HttpServer https = HttpServer.listen(manager, "https://127.0.0.1:0",
                    HttpServerOptions.defaults().withConnection(server), (exchange, event) -> {
                        if (event instanceof HttpEvent.End) {
                            exchange.reply(200, BODY);
                        }
                    });
            HttpClient http = new HttpClient(manager, HttpClientOptions.defaults().withConnection(client));
            CompletableFuture<HttpResponse> get = http.send(
                    HttpClientRequest.get("https://127.0.0.1:" + https.port() + "/hello"));
            for (int i = 0; i < 200 && !get.isDone(); i++) {
                manager.poll(50);
            }
            check(get.getNow(null));
            http.close();
        }
    }

    private static void check(HttpResponse r) {
        if (r == null || r.status() != 200 || !r.complete() || !BODY.equals(r.bodyText())
                || r.tlsSession() == null || !"openssl".equals(r.tlsSession().provider())) {
            throw new IllegalStateException("expected a whole 200 '" + BODY + "' over openssl but was " + r);
        }
        System.out.println("OK: GET over " + r.tlsSession().provider() + " " + r.tlsSession().protocol()
                + " " + r.tlsSession().cipherSuite() + ": " + r.status() + " '" + r.bodyText() + "'");
    }
}
