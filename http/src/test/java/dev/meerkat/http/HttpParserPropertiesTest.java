package dev.meerkat.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Splitting never changes what the parser sees; garbage only ever fails cleanly. */
class HttpParserPropertiesTest {

    private static final Set<Integer> ERROR_STATUSES = Set.of(400, 414, 431, 501, 505);

    @Property(tries = 200)
    void requestsCutAnywhereGiveTheSameParts(@ForAll("requestStreams") List<String> requests,
                                             @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 5000) Integer> cuts)
            throws HttpParseException {
        byte[] stream = ParseRun.latin1(String.join("", requests));
        List<Object> whole = parse(HttpParser.requests(HttpLimits.defaults()), List.of(stream));

        assertThat(whole).filteredOn(MessageEnd.class::isInstance).hasSize(requests.size());
        assertThat(parse(HttpParser.requests(HttpLimits.defaults()), ParseRun.cut(stream, cuts))).isEqualTo(whole);
        assertThat(parse(HttpParser.requests(HttpLimits.defaults()), ParseRun.bytewise(stream))).isEqualTo(whole);
    }

    /** A request's method and the response text that answers it. */
    record Exchange(String method, String response) {}

    @Property(tries = 100)
    void responsesCutAnywhereGiveTheSameParts(@ForAll("responseStreams") List<Exchange> responses,
                                              @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 5000) Integer> cuts)
            throws HttpParseException {
        String texts = responses.stream().map(Exchange::response).collect(java.util.stream.Collectors.joining());
        byte[] stream = ParseRun.latin1(texts + "HTTP/1.0 200 OK\r\n\r\nuntil close");
        List<Object> whole = parse(responseParser(responses), List.of(stream));

        assertThat(whole).filteredOn(p -> p instanceof HttpResponseHead h && !h.isInformational())
                .hasSize(responses.size() + 1);
        assertThat(parse(responseParser(responses), ParseRun.cut(stream, cuts))).isEqualTo(whole);
        assertThat(parse(responseParser(responses), ParseRun.bytewise(stream))).isEqualTo(whole);
    }

    @Property(tries = 500)
    void randomBytesParseOrFailCleanly(@ForAll @Size(max = 300) byte[] bytes, @ForAll boolean requests) {
        HttpParser parser = requests ? HttpParser.requests(HttpLimits.defaults())
                : responseParser(List.of(new Exchange("GET", ""), new Exchange("HEAD", "")));
        parsesOrFailsCleanly(parser, bytes);
    }

    @Property(tries = 500)
    void mutatedRequestsParseOrFailCleanly(@ForAll("requestStreams") List<String> requests,
                                           @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 5000) Integer> at,
                                           @ForAll @Size(min = 4, max = 4) List<Byte> values) {
        byte[] stream = ParseRun.latin1(String.join("", requests));
        for (int i = 0; i < at.size(); i++) {
            stream[at.get(i) % stream.length] = values.get(i);
        }
        parsesOrFailsCleanly(HttpParser.requests(HttpLimits.defaults()), stream);
    }

    private static void parsesOrFailsCleanly(HttpParser parser, byte[] input) {
        try {
            parse(parser, ParseRun.cut(input, List.of(input.length / 2)));
        } catch (HttpParseException e) {
            assertThat(ERROR_STATUSES).contains(e.status());
            assertThat(e.getMessage()).contains("expected");
        }
    }

    private static List<Object> parse(HttpParser parser, List<byte[]> pieces) throws HttpParseException {
        return ParseRun.pieces(parser, pieces, CloseReason.CLEAN);
    }

    private static HttpParser responseParser(List<Exchange> exchanges) {
        HttpParser parser = HttpParser.responses(HttpLimits.defaults());
        exchanges.forEach(e -> parser.expectResponseTo(e.method()));
        parser.expectResponseTo("GET");
        return parser;
    }

    @Provide
    Arbitrary<List<String>> requestStreams() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH"),
                        Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(12), Arbitraries.of("1.1", "1.0"))
                .as((method, path, version) -> method + " /" + path + " HTTP/" + version + "\r\n");
        return Combinators.combine(line, headers(), body()).as((l, h, b) -> l + h + b).list().ofMinSize(1).ofMaxSize(4)
                .filter(list -> list.stream().noneMatch(r -> r.contains("HTTP/1.0") && r.contains("chunked")));
    }

    @Provide
    Arbitrary<List<Exchange>> responseStreams() {
        Arbitrary<String> line = Arbitraries.of("HTTP/1.1 200 OK\r\n", "HTTP/1.1 404 Not Found\r\n",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n");
        Arbitrary<Exchange> get = Combinators.combine(line, headers(), body())
                .as((l, h, b) -> new Exchange("GET", l + h + b));
        Arbitrary<Exchange> head = headers().map(h -> new Exchange("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n" + h + "\r\n"));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, get), net.jqwik.api.Tuple.of(1, head))
                .list().ofMaxSize(4);
    }

    private static Arbitrary<String> headers() {
        Arbitrary<String> header = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(8),
                        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20))
                .as((name, value) -> "x-" + name + ": " + value + "\r\n");
        return header.list().ofMaxSize(3).map(list -> String.join("", list));
    }

    /** The Content-Length or chunked framing of a body of any Latin-1 bytes, empty headers end included. */
    private static Arbitrary<String> body() {
        Arbitrary<String> bytes = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(60);
        Arbitrary<List<Integer>> cuts = Arbitraries.integers().between(0, 60).list().ofMaxSize(4);
        return Combinators.combine(bytes, cuts, Arbitraries.integers().between(0, 2))
                .as((b, c, framing) -> switch (framing) {
                    case 0 -> "Content-Length: " + b.length() + "\r\n\r\n" + b;
                    case 1 -> "Transfer-Encoding: chunked\r\n\r\n" + chunked(b, c);
                    default -> "Content-Length: 0\r\n\r\n";
                });
    }

    private static String chunked(String body, List<Integer> cuts) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        List<Integer> ends = new ArrayList<>(cuts.stream().map(c -> Math.min(c, body.length())).sorted().toList());
        ends.add(body.length());
        for (int end : ends) {
            if (end > from) {
                sb.append(Integer.toHexString(end - from)).append(from % 2 == 0 ? ";ext=1" : "").append("\r\n")
                        .append(body, from, end).append("\r\n");
                from = end;
            }
        }
        return sb.append("0\r\n").append(from % 2 == 0 ? "" : "x-trailer: t\r\n").append("\r\n").toString();
    }
}
