package dev.meerkat.ws;

/** The checks RFC 6455 asks of every received frame header and close payload. */
final class FrameRules {

    private FrameRules() {
    }

    /**
     * @param expectMasked      whether this side must receive masked frames (a server, §5.1)
     * @param messageInProgress whether a fragmented data message awaits its continuation frames
     */
    static void check(FrameHeader h, boolean expectMasked, boolean messageInProgress) throws WsProtocolException {
        if (h.rsv() != 0) {
            throw protocol("expected RSV bits 0 (no extension was negotiated, §5.2) but were " + h.rsv());
        }
        if (h.masked() != expectMasked) {
            String expected = expectMasked ? "masked frames from a client" : "unmasked frames from a server";
            throw protocol("expected " + expected + " (§5.1) but opcode " + h.opcode() + " was "
                    + (h.masked() ? "masked" : "not masked"));
        }
        if (!Opcode.isKnown(h.opcode())) {
            throw protocol("expected a defined opcode (§5.2) but was " + h.opcode());
        }
        if (Opcode.isControl(h.opcode())) {
            checkControl(h);
        } else {
            checkData(h, messageInProgress);
        }
    }

    /** Close code and UTF-8 reason (§5.5.1, §7.4). */
    static void checkClosePayload(byte[] payload) throws WsProtocolException {
        if (payload.length == 0) {
            return;
        }
        if (payload.length == 1) {
            throw protocol("expected a close payload of 0 or at least 2 bytes but was 1 byte");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            throw protocol("expected a close code allowed on the wire (§7.4.1) but was " + code);
        }
        Utf8Validator reason = new Utf8Validator();
        if (!reason.accept(payload, 2, payload.length - 2) || !reason.isComplete()) {
            throw new WsProtocolException(CloseCodes.INVALID_PAYLOAD, "expected a UTF-8 close reason but was not");
        }
    }

    private static void checkControl(FrameHeader h) throws WsProtocolException {
        if (!h.fin()) {
            throw protocol("expected a control frame to be unfragmented (§5.5) but opcode " + h.opcode()
                    + " had FIN 0");
        }
        if (h.length() > 125) {
            throw protocol("expected a control payload of at most 125 bytes (§5.5) but was " + h.length());
        }
    }

    private static void checkData(FrameHeader h, boolean messageInProgress) throws WsProtocolException {
        if (h.opcode() == Opcode.CONTINUATION && !messageInProgress) {
            throw protocol("expected a text or binary frame to start a message (§5.4) but was a continuation");
        }
        if (h.opcode() != Opcode.CONTINUATION && messageInProgress) {
            throw protocol("expected a continuation of the fragmented message (§5.4) but was opcode " + h.opcode());
        }
    }

    private static WsProtocolException protocol(String message) {
        return new WsProtocolException(CloseCodes.PROTOCOL_ERROR, message);
    }
}
