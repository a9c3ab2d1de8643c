package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.meerkat.http.ParseRun.Body;
import dev.meerkat.http.ParseRun.Transcript;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the request and response parser fuzz targets check: the same result however the input is
 * cut, only documented failures, limits kept, bodies as their framing declares.
 */
final class ParserFuzzChecks {

    private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 431, 501, 505);

    private ParserFuzzChecks() {
    }

    /** Small limits, so that inputs of a few hundred bytes reach them. */
    static HttpLimits limits(FuzzedDataProvider data) {
        return new HttpLimits(data.consumeInt(16, 300), data.consumeInt(1, 12), data.consumeInt(16, 600),
                data.consumeInt(8, 64));
    }

    static List<Integer> cuts(FuzzedDataProvider data) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = data.consumeInt(0, 8); i > 0; i--) {
            cuts.add(data.consumeInt(0, 4096));
        }
        return cuts;
    }

    static void assertSameAsCut(Transcript whole, Transcript cut) {
        assertThat(cut.parts()).as("parts of the input cut into pieces").isEqualTo(whole.parts());
        assertThat(describe(cut.failure())).as("failure of the input cut into pieces").isEqualTo(describe(whole.failure()));
        if (whole.failure() == null) {
            assertThat(cut.leftover()).as("bytes left unconsumed").isEqualTo(whole.leftover());
        }
    }

    static String describe(HttpParseException e) {
        return e == null ? "none" : e.status() + " at message " + e.messageNumber();
    }

    /** A failure has a documented status, says what was expected, and comes again at every call. */
    static void assertFailedCleanly(HttpParser parser, Transcript run) {
        HttpParseException failure = run.failure();
        if (failure == null) {
            return;
        }
        assertThat(STATUSES).as("status of %s", failure.getMessage()).contains(failure.status());
        assertThat(failure.getMessage()).contains("expected");
        assertThatThrownBy(() -> parser.next(ByteBuffer.allocate(1))).isSameAs(failure);
    }

    /** The section's fields, counted at their shortest ("name:value" and CRLF), fit its limits. */
    static void assertWithin(Headers headers, HttpLimits limits) {
        assertThat(headers.size()).as("fields of %s", headers).isLessThanOrEqualTo(limits.maxHeaderCount());
        int bytes = 2 + headers.fields().stream().mapToInt(f -> f.name().length() + f.value().length() + 3).sum();
        assertThat(bytes).as("bytes of %s", headers).isLessThanOrEqualTo(limits.maxHeaderBytes());
    }

    /**
     * A message with one Content-Length carries no more than that, a complete request exactly that
     * (a response to HEAD has none); a request with neither Content-Length nor Transfer-Encoding has no body.
     */
    static void assertBodyMatchesFraming(Headers headers, List<Object> message, boolean request) {
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
    static List<List<Object>> messages(List<Object> parts) {
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
