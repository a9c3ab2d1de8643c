package dev.meerkat.ws;

import dev.meerkat.http.Headers;
import dev.meerkat.http.HttpRequestHead;
import dev.meerkat.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;

/** The server's side of the opening handshake (RFC 6455 §4.2): checks the request, builds the answer. */
final class ServerHandshake {

    /**
     * What to reply: 101 with its headers, or a refusal with the reason as body.
     *
     * @param status      101, 400, or 426 for an unsupported version
     * @param headers     the reply's header fields
     * @param problem     why the request was refused, null for 101
     * @param subprotocol the subprotocol selected, or null
     */
    record Answer(int status, Headers headers, String problem, String subprotocol) {}

    private ServerHandshake() {
    }

    /**
     * @param supported the subprotocols this server speaks; the first one the client offered (in the
     *                  client's order of preference) is selected
     * @param extra     header fields added to the 101
     */
    static Answer answer(HttpRequestHead request, List<String> supported, Headers extra) {
        String problem = problem(request);
        if (problem != null) {
            return new Answer(400, Headers.empty(), problem, null);
        }
        Headers h = request.headers();
        List<String> versions = h.all("Sec-WebSocket-Version");
        if (!versions.equals(List.of("13"))) {
            // §4.4: tell the client which version this server speaks.
            return new Answer(426, Headers.of("Sec-WebSocket-Version", "13"),
                    "expected Sec-WebSocket-Version 13 but was " + versions, null);
        }
        String subprotocol = select(offered(h), supported);
        Headers.Builder reply = Headers.builder()
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", AcceptKey.of(h.get("Sec-WebSocket-Key").strip()));
        if (subprotocol != null) {
            reply.add("Sec-WebSocket-Protocol", subprotocol);
        }
        extra.forEach(f -> reply.add(f.name(), f.value()));
        return new Answer(101, reply.build(), null, subprotocol);
    }

    /** True when the request asks for a WebSocket upgrade at all (valid or not). */
    static boolean isUpgrade(HttpRequestHead request) {
        return request.headers().hasToken("Upgrade", "websocket");
    }

    /** The subprotocols in Sec-WebSocket-Protocol fields, in order; names are case-sensitive (§4.1). */
    static List<String> offered(Headers headers) {
        List<String> names = new ArrayList<>();
        for (String value : headers.all("Sec-WebSocket-Protocol")) {
            for (String element : value.split(",")) {
                if (!element.isBlank()) {
                    names.add(element.strip());
                }
            }
        }
        return names;
    }

    /** §4.2.1: what makes a request a WebSocket handshake, version aside. */
    private static String problem(HttpRequestHead request) {
        Headers h = request.headers();
        if (!request.method().equals("GET")) {
            return "expected method GET for a WebSocket handshake but was " + request.method();
        }
        if (request.version() != HttpVersion.HTTP_1_1) {
            return "expected HTTP/1.1 for a WebSocket handshake but was " + request.version();
        }
        if (!h.hasToken("Upgrade", "websocket")) {
            return "expected Upgrade: websocket but was " + h.get("Upgrade");
        }
        if (!h.hasToken("Connection", "upgrade")) {
            return "expected Connection with the token upgrade but was " + h.get("Connection");
        }
        List<String> keys = h.all("Sec-WebSocket-Key");
        if (keys.size() != 1 || !AcceptKey.isValid(keys.get(0).strip())) {
            return "expected one Sec-WebSocket-Key of 16 base64-encoded bytes but was " + keys;
        }
        return null;
    }

    private static String select(List<String> offered, List<String> supported) {
        return offered.stream().filter(supported::contains).findFirst().orElse(null);
    }
}
