package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meerkat.CloseReason;
import dev.meerkat.http.ParseRun.Transcript;
import java.util.List;

/**
 * Fuzz target for the client's URL handling (Jazzer; CONTRIBUTING.md says how to fuzz one): what
 * {@link HttpClientRequest#builder} and {@link Urls} make of any string. A URL is refused with an
 * {@link IllegalArgumentException} when the request is built, or it gives a request our own parser
 * reads back as exactly one request with the URL's target and host: no URL can split the request or
 * inject a field.
 */
class UrlFuzzTest {

    @FuzzTest(maxDuration = "25s")
    void clientUrls(FuzzedDataProvider data) {
        String url = data.consumeRemainingAsString();
        HttpClientRequest request;
        try {
            request = HttpClientRequest.builder("GET", url).build();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("why %s was refused", url).contains("expected");
            return;
        }

        // No User-Agent, so that Host is the only field the request carries.
        byte[] encoded = request.encodeHead(HttpClientOptions.defaults().withUserAgent(""), false);
        Transcript run = ParseRun.attempt(HttpParser.requests(HttpLimits.defaults()), List.of(encoded), CloseReason.CLEAN);

        assertThat(run.failure()).as("parse failure of the request for %s", url).isNull();
        assertThat(run.parts()).as("parts of the request for %s", url).hasSize(2);
        HttpRequestHead head = (HttpRequestHead) run.parts().get(0);
        String host = request.url().getHost();
        int port = request.url().getPort();
        assertThat(head.target()).as("target of %s", url).isEqualTo(request.target());
        assertThat(head.headers().all("Host")).as("Host of %s", url).containsExactly(port < 0 ? host : host + ":" + port);
        assertThat(head.headers().size()).as("fields of the request for %s", url).isEqualTo(1);
        assertThat(Urls.transport(url)).as("transport of %s", url)
                .isEqualTo((Urls.isHttps(request.url()) ? "tls://" : "tcp://") + host + ":" + Urls.port(request.url()));
    }
}
