package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        // Found by the fuzz stage of .ci/run: U+1FEF GREEK VARIA is legal in a URI, but the
        // normalization of URI.toASCIIString turned it into a grave accent, which a URI refuses. The
        // target keeps the code points as given (curl does not normalize either).
        "'http://h/a\u1fefb?\u1fef', '/a%E1%BF%AFb?%E1%BF%AF'",
        "'http://h/\u212a', '/%E2%84%AA'",
    })
    void aUrlBeyondAsciiIsSentPercentEncoded(String url, String target) {
        HttpClientRequest request = HttpClientRequest.get(url);

        // No User-Agent, so that Host is the only field the request carries.
        byte[] encoded = request.encodeHead(HttpClientOptions.defaults().withUserAgent(""), false);
        Transcript run = ParseRun.attempt(HttpParser.requests(HttpLimits.defaults()), List.of(encoded), CloseReason.CLEAN);

        assertThat(run.failure()).as("parse failure of the request for %s", url).isNull();
        assertThat(((HttpRequestHead) run.parts().get(0)).target()).isEqualTo(target);
    }

    /** A lone surrogate has no UTF-8 form: encoding it would have sent a '?', which starts a query. */
    @ParameterizedTest
    @CsvSource({"'http://h/a\ud800b'", "'http://h/?q=\udc00'", "'http://h/\ud800'"})
    void aUrlWithALoneSurrogateIsRefusedWhenBuilt(String url) {
        assertThatThrownBy(() -> HttpClientRequest.get(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a URL of well-formed Unicode");
    }
}
