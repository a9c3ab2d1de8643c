package dev.meerkat.examples.jdk;

import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.http.HttpEvent;
import dev.meerkat.http.HttpServer;
import dev.meerkat.http.HttpServerOptions;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsProviders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Meerkat HTTPS server on the {@code jdk} provider, its loop on a thread of its own, answered to
 * a client that is not Meerkat: the JDK's {@link HttpClient}, trusting the server's self-signed
 * certificate. Throws (exit status 1) unless the client gets the whole answer.
 */
public final class HttpsServerOverJdk {

    public static void main(String[] args) throws Exception {
        KeyMaterial key = KeyMaterial.selfSigned("127.0.0.1");
        Options tls = Options.defaults().withTls(TlsProviders.named("jdk").newContext(TlsConfig.server(key).build()));
        Manager manager = new Manager();
        // Set up before run() starts: from then on only execute, wakeup and close may come from other threads.
        HttpServer server = HttpServer.listen(manager, "https://127.0.0.1:0",
                HttpServerOptions.defaults().withConnection(tls), (exchange, event) -> {
                    if (event instanceof HttpEvent.End) {
                        exchange.reply(200, "hello " + exchange.request().target() + " over jdk");
                    }
                });
        String url = "https://127.0.0.1:" + server.port() + "/jdk-client";
        Thread loop = new Thread(manager::run, "meerkat-loop");
        loop.start();
        try {
            check(get(url, key));
        } finally {
            manager.close();
            loop.join(10_000);
        }
    }

    private static HttpResponse<String> get(String url, KeyMaterial trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("meerkat-example", trusted.leaf());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trustManagers.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> r) {
        String expected = "hello /jdk-client over jdk";
        if (r.statusCode() != 200 || !expected.equals(r.body())) {
            throw new IllegalStateException("expected 200 '" + expected + "' but was " + r.statusCode()
                    + " '" + r.body() + "'");
        }
        System.out.println("OK: the JDK's HttpClient got " + r.statusCode() + " '" + r.body() + "' over "
                + r.sslSession().map(s -> s.getProtocol() + " " + s.getCipherSuite()).orElse("no TLS"));
    }
}
