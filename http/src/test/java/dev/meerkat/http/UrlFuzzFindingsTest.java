package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.http.ParseRun.Transcript;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the URL fuzz target ({@link UrlFuzzTest}) found, each pinned as a named case. */
class UrlFuzzFindingsTest {

    /**
     * A URL with characters beyond ASCII was accepted when the request was built, and then could not
     * be sent: beyond Latin-1 the request line failed to encode, within it the raw bytes broke the
     * request-target. They go percent-encoded in UTF-8 now, as browsers and curl send them.
     */
    @ParameterizedTest
    @CsvSource({
        "'http://h/?x=1&\u02bd', '/?x=1&%CA%BD'",
        "'http://h/caf\u00e9', '/caf%C3%A9'",
        "'http://h/\u4e00?q=\u00e9', '/%E4%B8%80?q=%C3%A9'",
    })
    void aUrlBeyondAsciiIsSentPercentEncoded(String url, String target) {
        HttpClientRequest request = HttpClientRequest.get(url);

        // No User-Agent, so that Host is the only field the request carries.
        byte[] encoded = request.encodeHead(HttpClientOptions.defaults().withUserAgent(""), false);
        Transcript run = ParseRun.attempt(HttpParser.requests(HttpLimits.defaults()), List.of(encoded), CloseReason.CLEAN);

        assertThat(run.failure()).as("parse failure of the request for %s", url).isNull();
        assertThat(((HttpRequestHead) run.parts().get(0)).target()).isEqualTo(target);
    }
}
