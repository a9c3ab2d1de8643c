package dev.meerkat.mqtt;

import java.util.Map;

/** Names of reason codes (MQTT 5.0 section 2.4) and 3.1.1 CONNACK return codes, for messages. */
public final class ReasonCodes {

    private static final Map<Integer, String> V5 = Map.ofEntries(
            Map.entry(0x00, "Success"), Map.entry(0x01, "Granted QoS 1"), Map.entry(0x02, "Granted QoS 2"),
            Map.entry(0x04, "Disconnect with Will Message"), Map.entry(0x10, "No matching subscribers"),
            Map.entry(0x11, "No subscription existed"), Map.entry(0x80, "Unspecified error"),
            Map.entry(0x81, "Malformed Packet"), Map.entry(0x82, "Protocol Error"),
            Map.entry(0x83, "Implementation specific error"), Map.entry(0x84, "Unsupported Protocol Version"),
            Map.entry(0x85, "Client Identifier not valid"), Map.entry(0x86, "Bad User Name or Password"),
            Map.entry(0x87, "Not authorized"), Map.entry(0x88, "Server unavailable"), Map.entry(0x89, "Server busy"),
            Map.entry(0x8A, "Banned"), Map.entry(0x8B, "Server shutting down"), Map.entry(0x8D, "Keep Alive timeout"),
            Map.entry(0x8E, "Session taken over"), Map.entry(0x8F, "Topic Filter invalid"),
            Map.entry(0x90, "Topic Name invalid"), Map.entry(0x91, "Packet Identifier in use"),
            Map.entry(0x92, "Packet Identifier not found"), Map.entry(0x93, "Receive Maximum exceeded"),
            Map.entry(0x95, "Packet too large"), Map.entry(0x97, "Quota exceeded"),
            Map.entry(0x99, "Payload format invalid"), Map.entry(0x9A, "Retain not supported"),
            Map.entry(0x9B, "QoS not supported"), Map.entry(0x9E, "Shared Subscriptions not supported"),
            Map.entry(0xA2, "Wildcard Subscriptions not supported"));

    private static final String[] CONNACK_V3 = {"Connection Accepted", "unacceptable protocol version",
            "identifier rejected", "server unavailable", "bad user name or password", "not authorized"};

    private ReasonCodes() {
    }

    /**
     * The code and its name for a message, such as {@code "0x87 Not authorized"}.
     *
     * @param code the reason code (0 to 255)
     * @param connAckV3 true for a 3.1.1 CONNACK return code, which has its own table (0 to 5)
     * @return the code in hex and its name, {@code (unknown)} for a code the table lacks
     */
    public static String describe(int code, boolean connAckV3) {
        String name = connAckV3 ? code < CONNACK_V3.length ? CONNACK_V3[code] : null : V5.get(code);
        return String.format("0x%02X %s", code, name != null ? name : "(unknown)");
    }

    /** True for a refusal: 0x80 and above; on a 3.1.1 CONNACK anything but 0. */
    static boolean isFailure(int code, boolean connAckV3) {
        return connAckV3 ? code != 0 : code >= 0x80;
    }
}
