package dev.meerkat.http;

import static dev.meerkat.http.ParserFuzzChecks.assertBodyMatchesFraming;
import static dev.meerkat.http.ParserFuzzChecks.assertFailedCleanly;
import static dev.meerkat.http.ParserFuzzChecks.assertSameAsCut;
import static dev.meerkat.http.ParserFuzzChecks.assertWithin;
import static dev.meerkat.http.ParserFuzzChecks.cuts;
import static dev.meerkat.http.ParserFuzzChecks.limits;
import static dev.meerkat.http.ParserFuzzChecks.messages;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meerkat.CloseReason;
import dev.meerkat.http.ParseRun.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the response parser (Jazzer; CONTRIBUTING.md says how to fuzz one), with the
 * methods of the requests it answers and the way the input ends chosen by the fuzzer. Under plain
 * {@code mvn verify} it replays the inputs in {@code HttpResponseParserFuzzTestInputs};
 * {@link ParserFuzzChecks} says what must hold.
 */
class HttpResponseParserFuzzTest {

    private static final String[] METHODS = {"GET", "HEAD", "POST", "CONNECT"};

    @FuzzTest(maxDuration = "25s")
    void responses(FuzzedDataProvider data) {
        HttpLimits limits = limits(data);
        List<String> methods = new ArrayList<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            methods.add(data.pickValue(METHODS));
        }
        CloseReason end = data.pickValue(CloseReason.values());
        List<Integer> cuts = cuts(data);
        byte[] input = data.consumeRemainingAsBytes();
        HttpParser parser = responseParser(limits, methods);

        Transcript whole = ParseRun.attempt(parser, List.of(input), end);

        assertSameAsCut(whole, ParseRun.attempt(responseParser(limits, methods), ParseRun.cut(input, cuts), end));
        assertFailedCleanly(parser, whole);
        for (List<Object> message : messages(whole.parts())) {
            HttpResponseHead head = (HttpResponseHead) message.get(0);
            assertWithin(head.headers(), limits);
            assertBodyMatchesFraming(head.headers(), message, false);
        }
    }

    private static HttpParser responseParser(HttpLimits limits, List<String> methods) {
        HttpParser parser = HttpParser.responses(limits);
        methods.forEach(parser::expectResponseTo);
        return parser;
    }
}
