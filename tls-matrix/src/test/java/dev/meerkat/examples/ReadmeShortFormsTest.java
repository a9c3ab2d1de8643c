package dev.meerkat.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's short forms. {@link #httpsGet()} and {@link #httpsServer()} hold the README's code
 * exactly (so it compiles, and {@link #theReadmeShowsExactlyThisCode()} keeps the two identical), but
 * are not run: one goes to example.com, the other binds port 8443. The same calls run against a
 * local server in {@link #theShortFormsServeAndFetchOverHttps()}.
 */
@Timeout(30)
class ReadmeShortFormsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_FILE = Path.of("src/test/java/dev/meerkat/examples/ReadmeShortFormsTest.java");
    private static final Pattern README_BLOCK = Pattern.compile("<!-- ReadmeShortFormsTest\\.(\\w+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TEST_BLOCK = Pattern.compile("// --- README: (\\w+) ---\\n(.*?)\\s*// --- end ---", Pattern.DOTALL);

    @SuppressWarnings("unused")
    static void httpsGet() throws Exception {
        // --- README: httpsGet ---
        try (Manager mgr = new Manager().start(); HttpClient client = new HttpClient(mgr)) {
            HttpResponse response = client.send(HttpClientRequest.get("https://example.com/")).get();
            System.out.println(response.status() + " " + response.bodyText());
        }
        // --- end ---
    }

    @SuppressWarnings("unused")
    static void httpsServer() throws Exception {
        // --- README: httpsServer ---
        TlsContext tls = TlsProviders.select(null).newContext(TlsConfig.server(KeyMaterial.selfSigned("localhost")).build());
        Manager mgr = new Manager().start();
        HttpServer.listenAsync(mgr, "https://0.0.0.0:8443", HttpServerOptions.defaults().withConnection(
                Options.defaults().withTls(tls)), (exchange, event) -> {
                    if (event instanceof HttpEvent.End) exchange.reply(200, "hello\n"); }).get();
        // --- end ---
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws Exception {
        assertThat(blocks(README_BLOCK, Files.readString(README)))
                .containsExactlyElementsOf(blocks(TEST_BLOCK, Files.readString(THIS_FILE)));
    }

    @Test
    void theShortFormsServeAndFetchOverHttps() throws Exception {
        KeyMaterial key = KeyMaterial.selfSigned("localhost");
        TlsContext tls = TlsProviders.select(null).newContext(TlsConfig.server(key).build());
        TlsContext trusting = TlsProviders.select(null).newContext(TlsConfig.client().trustCertificates(key.chain()).build());
        try (Manager mgr = new Manager().start();
             HttpClient client = new HttpClient(mgr, HttpClientOptions.defaults().withConnection(Options.defaults().withTls(trusting)))) {
            HttpServer server = HttpServer.listenAsync(mgr, "https://127.0.0.1:0", HttpServerOptions.defaults().withConnection(
                    Options.defaults().withTls(tls)), (exchange, event) -> {
                        if (event instanceof HttpEvent.End) exchange.reply(200, "hello\n"); }).get(10, TimeUnit.SECONDS);
            int port = mgr.submit(server::port).get(10, TimeUnit.SECONDS);
            HttpResponse response = client.send(HttpClientRequest.get("https://localhost:" + port + "/")).get(10, TimeUnit.SECONDS);
            assertThat(response.status() + " " + response.bodyText()).isEqualTo("200 hello\n");
        }
    }

    /** Each block as "name: code", the code's lines without their common indentation. */
    private static List<String> blocks(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1) + ":\n" + m.group(2).stripIndent().strip());
        }
        assertThat(found).as("code blocks marked for ReadmeShortFormsTest").hasSize(2);
        return found;
    }
}
