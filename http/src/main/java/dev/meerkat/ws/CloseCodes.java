package dev.meerkat.ws;

/**
 * WebSocket close status codes (RFC 6455 §7.4 and the IANA registry). 1005, 1006 and 1015 are never
 * sent: they only report, in a {@link WsEvent.Close}, that no code came or the connection broke.
 */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reported only: the peer's close frame had no code. */
    public static final int NO_STATUS = 1005;
    /** Reported only: the connection ended without a close frame. */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
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
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
