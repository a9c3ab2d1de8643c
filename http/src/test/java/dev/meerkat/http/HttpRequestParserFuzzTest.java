package dev.meerkat.http;

import static dev.meerkat.http.ParserFuzzChecks.assertBodyMatchesFraming;
import static dev.meerkat.http.ParserFuzzChecks.assertFailedCleanly;
import static dev.meerkat.http.ParserFuzzChecks.assertSameAsCut;
import static dev.meerkat.http.ParserFuzzChecks.assertWithin;
import static dev.meerkat.http.ParserFuzzChecks.cuts;
import static dev.meerkat.http.ParserFuzzChecks.limits;
import static dev.meerkat.http.ParserFuzzChecks.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meerkat.CloseReason;
import dev.meerkat.http.ParseRun.Transcript;
import java.util.List;

/**
 * Fuzz target for the request parser (Jazzer; CONTRIBUTING.md says how to fuzz one). Under plain
 * {@code mvn verify} it replays the inputs in {@code HttpRequestParserFuzzTestInputs}. Each input is
 * parsed whole and cut into pieces, under small fuzzed limits; {@link ParserFuzzChecks} says what
 * must hold.
 */
class HttpRequestParserFuzzTest {

    @FuzzTest(maxDuration = "25s")
    void requests(FuzzedDataProvider data) {
        HttpLimits limits = limits(data);
        List<Integer> cuts = cuts(data);
        byte[] input = data.consumeRemainingAsBytes();
        HttpParser parser = HttpParser.requests(limits);

        Transcript whole = ParseRun.attempt(parser, List.of(input), CloseReason.CLEAN);

        assertSameAsCut(whole, ParseRun.attempt(HttpParser.requests(limits), ParseRun.cut(input, cuts), CloseReason.CLEAN));
        assertFailedCleanly(parser, whole);
        for (List<Object> message : messages(whole.parts())) {
            HttpRequestHead head = (HttpRequestHead) message.get(0);
            assertThat(head.method().length() + head.target().length() + 10).as("request line of %s", head)
                    .isLessThanOrEqualTo(limits.maxStartLineLength());
            assertWithin(head.headers(), limits);
            assertBodyMatchesFraming(head.headers(), message, true);
        }
    }
}
