package dev.meerkat.ws;

import dev.meerkat.MemoryBudget;
import java.nio.ByteBuffer;

/**
 * An incremental RFC 6455 frame parser for one direction of one connection. Pure: no I/O, no
 * threads. Input follows the contract of {@link dev.meerkat.Event.Read}: it consumes by advancing the
 * buffer's position and leaves an incomplete frame header in place, to come again with more bytes.
 * Payload bytes are consumed as they arrive, so it holds at most one header and the message in
 * progress (bounded by the message limit) plus one control frame (at most 125 bytes).
 *
 * <p>Every violation throws a {@link WsProtocolException} naming the close code to answer with, and
 * every later call throws it again.
 */
final class FrameParser {

    private final boolean expectMasked;
    private final int maxMessageSize;
    private final MessageBuffer message;
    private final Utf8Validator utf8 = new Utf8Validator();
    /** The opcode of the data message in progress, or -1 between messages. */
    private int messageOpcode = -1;
    private FrameHeader header;
    private long payloadRead;
    private byte[] control;
    private WsProtocolException failure;

    /**
     * @param expectMasked   true on a server: client frames must be masked and server frames must not (§5.1)
     * @param maxMessageSize the largest data message accepted, fragments joined; larger is 1009
     * @param budget         counts the message being assembled; without room it is 1013
     */
    FrameParser(boolean expectMasked, int maxMessageSize, MemoryBudget budget) {
        this.expectMasked = expectMasked;
        this.maxMessageSize = maxMessageSize;
        this.message = new MessageBuffer(maxMessageSize, budget);
    }

    /** The next whole message or control frame, or null when {@code in} holds no more of one. */
    Received next(ByteBuffer in) throws WsProtocolException {
        if (failure != null) {
            throw failure;
        }
        try {
            return parse(in);
        } catch (WsProtocolException e) {
            failure = e;
            throw e;
        }
    }

    private Received parse(ByteBuffer in) throws WsProtocolException {
        while (true) {
            if (header == null) {
                header = FrameHeader.read(in);
                if (header == null) {
                    return null;
                }
                begin(header);
            }
            readPayload(in);
            if (payloadRead < header.length()) {
                return null;
            }
            Received done = end(header);
            header = null;
            if (done != null) {
                return done;
            }
        }
    }

    private void begin(FrameHeader h) throws WsProtocolException {
        FrameRules.check(h, expectMasked, messageOpcode >= 0);
        payloadRead = 0;
        if (Opcode.isControl(h.opcode())) {
            control = new byte[(int) h.length()];
            return;
        }
        if (h.length() > maxMessageSize - message.size()) {
            throw new WsProtocolException(CloseCodes.MESSAGE_TOO_BIG, "expected a message of at most "
                    + maxMessageSize + " bytes but it grew to " + (message.size() + h.length()));
        }
        if (h.opcode() != Opcode.CONTINUATION) {
            messageOpcode = h.opcode();
            utf8.reset();
        }
        message.frame(h.length(), h.fin());
    }

    /** The connection closed: the message in progress gives its bytes back to the budget. */
    void release() {
        message.release();
    }

    /** Copies what arrived of the payload, unmasking it (§5.3) and checking text as it comes. */
    private void readPayload(ByteBuffer in) throws WsProtocolException {
        int count = (int) Math.min(in.remaining(), header.length() - payloadRead);
        if (count == 0) {
            return;
        }
        boolean isControl = Opcode.isControl(header.opcode());
        byte[] target = isControl ? control : message.reserve(count, in.remaining());
        int offset = isControl ? (int) payloadRead : message.size();
        in.get(target, offset, count);
        if (header.masked()) {
            FrameHeader.applyMask(target, offset, count, header.maskKey(), payloadRead);
        }
        payloadRead += count;
        if (!isControl) {
            message.added(count);
            if (messageOpcode == Opcode.TEXT && !utf8.accept(target, offset, count)) {
                throw invalidUtf8("text message");
            }
        }
    }

    /** The frame is complete: a control frame or a final fragment yields a result, others null. */
    private Received end(FrameHeader h) throws WsProtocolException {
        if (Opcode.isControl(h.opcode())) {
            if (h.opcode() == Opcode.CLOSE) {
                FrameRules.checkClosePayload(control);
            }
            Received frame = new Received(h.opcode(), control);
            control = null;
            return frame;
        }
        if (!h.fin()) {
            return null;
        }
        if (messageOpcode == Opcode.TEXT && !utf8.isComplete()) {
            throw invalidUtf8("text message, which ends inside a code point");
        }
        Received whole = new Received(messageOpcode, message.take());
        messageOpcode = -1;
        return whole;
    }

    private static WsProtocolException invalidUtf8(String where) {
        return new WsProtocolException(CloseCodes.INVALID_PAYLOAD,
                "expected valid UTF-8 in a " + where + " but was not");
    }
}
