package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meerkat.CloseReason;
import dev.meerkat.http.ParseRun.Body;
import dev.meerkat.http.ParseRun.Transcript;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fuzz targets for the request and response parsers (Jazzer; CONTRIBUTING.md says how to fuzz one).
 * Under plain {@code mvn verify} they replay the inputs in {@code HttpParserFuzzTestInputs}. Each
 * input is parsed whole and cut into pieces: both must give the same parts and the same failure,
 * the only failure is an {@link HttpParseException} with a documented status, and what the parser
 * returns respects the (small, fuzzed) limits and the framing its head declared.
 */
class HttpParserFuzzTest {

    private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 431, 501, 505);
    private static final String[] METHODS = {"GET", "HEAD", "POST", "CONNECT"};

    @FuzzTest(maxDuration = "30s")
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

    @FuzzTest(maxDuration = "30s")
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

    /** Small limits, so that inputs of a few hundred bytes reach them. */
    private static HttpLimits limits(FuzzedDataProvider data) {
        return new HttpLimits(data.consumeInt(16, 300), data.consumeInt(1, 12), data.consumeInt(16, 600),
                data.consumeInt(8, 64));
    }

    private static List<Integer> cuts(FuzzedDataProvider data) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = data.consumeInt(0, 8); i > 0; i--) {
            cuts.add(data.consumeInt(0, 4096));
        }
        return cuts;
    }

    private static void assertSameAsCut(Transcript whole, Transcript cut) {
        assertThat(cut.parts()).as("parts of the input cut into pieces").isEqualTo(whole.parts());
        assertThat(describe(cut.failure())).as("failure of the input cut into pieces").isEqualTo(describe(whole.failure()));
        if (whole.failure() == null) {
            assertThat(cut.leftover()).as("bytes left unconsumed").isEqualTo(whole.leftover());
        }
    }

    private static String describe(HttpParseException e) {
        return e == null ? "none" : e.status() + " at message " + e.messageNumber();
    }

    /** A failure has a documented status, says what was expected, and comes again at every call. */
    private static void assertFailedCleanly(HttpParser parser, Transcript run) {
        HttpParseException failure = run.failure();
        if (failure == null) {
            return;
        }
        assertThat(STATUSES).as("status of %s", failure.getMessage()).contains(failure.status());
        assertThat(failure.getMessage()).contains("expected");
        assertThatThrownBy(() -> parser.next(ByteBuffer.allocate(1))).isSameAs(failure);
    }

    /** The section's fields, counted at their shortest ("name:value" and CRLF), fit its limits. */
    private static void assertWithin(Headers headers, HttpLimits limits) {
        assertThat(headers.size()).as("fields of %s", headers).isLessThanOrEqualTo(limits.maxHeaderCount());
        int bytes = 2 + headers.fields().stream().mapToInt(f -> f.name().length() + f.value().length() + 3).sum();
        assertThat(bytes).as("bytes of %s", headers).isLessThanOrEqualTo(limits.maxHeaderBytes());
    }

    /**
     * A message with one Content-Length carries no more than that, a complete request exactly that
     * (a response to HEAD has none); a request with neither Content-Length nor Transfer-Encoding has no body.
     */
    private static void assertBodyMatchesFraming(Headers headers, List<Object> message, boolean request) {
        int body = message.stream().filter(Body.class::isInstance).mapToInt(b -> ((Body) b).text().length()).sum();
        boolean complete = message.get(message.size() - 1) instanceof MessageEnd end && end.complete();
        String length = headers.get("Content-Length");
        if (length != null && length.matches("[0-9]{1,9}") && !headers.contains("Transfer-Encoding")) {
            long declared = Long.parseLong(length);
            assertThat((long) body).as("body bytes of %s", message.get(0)).isLessThanOrEqualTo(declared);
            assertThat(!request || !complete || body == declared)
                    .as("a complete body of %s has every byte", message.get(0)).isTrue();
        }
        if (request && length == null && !headers.contains("Transfer-Encoding")) {
            assertThat(body).as("body bytes of %s", message.get(0)).isZero();
        }
    }

    /** The parts grouped by message: a head, then its body and end as far as they came. */
    private static List<List<Object>> messages(List<Object> parts) {
        List<List<Object>> messages = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof HttpRequestHead || part instanceof HttpResponseHead) {
                messages.add(new ArrayList<>());
            }
            assertThat(messages).as("a head before %s", part).isNotEmpty();
            messages.get(messages.size() - 1).add(part);
        }
        return messages;
    }
}
