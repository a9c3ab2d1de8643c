package dev.meerkat.ws;

/**
 * WebSocket close status codes (RFC 6455 §7.4 and the IANA registry). 1005, 1006 and 1015 are never
 * sent: they only report, in a {@link WsEvent.Close}, that no code came or the connection broke.
 */
public final class CloseCodes {

    /** The purpose of the connection was fulfilled: what {@link WebSocket#close()} sends. */
    public static final int NORMAL = 1000;
    /** An endpoint goes away: a server shutting down (sent by {@link dev.meerkat.http.HttpServer#shutdown()}). */
    public static final int GOING_AWAY = 1001;
    /** The peer broke the protocol: a bad frame, opcode, mask or control frame. */
    public static final int PROTOCOL_ERROR = 1002;
    /** The endpoint cannot take this type of data, such as binary when it only takes text. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reported only: the peer's close frame had no code. */
    public static final int NO_STATUS = 1005;
    /** Reported only: the connection ended without a close frame. */
    public static final int ABNORMAL = 1006;
    /** A message's data does not fit its type: a text message that is not valid UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** A message broke the endpoint's policy; the generic code when no other fits. */
    public static final int POLICY_VIOLATION = 1008;
    /** A message is over {@link WsOptions#maxMessageSize()}. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Sent by a client: the server did not agree to an extension the client needs. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** The server met an unexpected condition that keeps it from serving the request. */
    public static final int INTERNAL_ERROR = 1011;
    /** The server is overloaded: here, the memory budget has no room for the message (IANA registry). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** Reported only: the TLS handshake failed. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCodes() {
    }

    /**
     * True for a code that may appear in a close frame: the defined codes 1000-1003 and 1007-1014,
     * and 3000-4999 (libraries, frameworks, applications). 1004-1006, 1015 and every other value in
     * 0-2999 are reserved or report-only (RFC 6455 §7.4.1, §7.4.2).
     *
     * @param code a close status code
     * @return true when it may be sent or received in a close frame
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
