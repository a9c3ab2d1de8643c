package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.http.ParseRun.Transcript;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the parser fuzz targets ({@link HttpRequestParserFuzzTest}, {@link HttpResponseParserFuzzTest})
 * found, each pinned as a named case.
 */
class HttpParserFuzzFindingsTest {

    private static final HttpLimits SHORT_LINES = new HttpLimits(16, 100, 64 * 1024, 4096);

    /**
     * A request line over the limit was 400 when its bad line end came in the same read and 414
     * when the read ended before it: the answer depended on how TCP cut the stream.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\r\rx", "\r\n", "\n"})
    void aLineOverTheLimitIs414WhereverTheStreamIsCut(String ending) {
        byte[] input = ParseRun.latin1("GET /" + "a".repeat(40) + ending);

        assertThat(statusOf(List.of(input))).isEqualTo(414);
        assertThat(statusOf(ParseRun.cut(input, List.of(20)))).isEqualTo(414);
    }

    private static int statusOf(List<byte[]> pieces) {
        Transcript run = ParseRun.attempt(HttpParser.requests(SHORT_LINES), pieces, CloseReason.CLEAN);
        assertThat(run.failure()).as("the parser's failure").isNotNull();
        return run.failure().status();
    }
}
