package dev.meerkat.ws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the {@link FrameParser} yields: a whole data message (fragments joined, text already checked
 * as UTF-8) or one control frame. The payload is unmasked and owned by the receiver.
 *
 * @param opcode  {@link Opcode#TEXT}, {@link Opcode#BINARY}, or a control opcode
 * @param payload the message or control payload
 */
record Received(int opcode, byte[] payload) {

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** For a close frame: its status code, or 1005 when it carried none (RFC 6455 §7.1.5). */
    int closeCode() {
        return payload.length < 2 ? CloseCodes.NO_STATUS : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    /** For a close frame: the reason after the code, possibly empty. */
    String closeReason() {
        return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Received r && r.opcode == opcode && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * opcode + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Received[opcode=" + opcode + ", " + payload.length + " bytes]";
    }
}
