package dev.meerkat.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one packet's variable header and payload (MQTT 5.0 section 1.5, the same
 * data types as 3.1.1 section 1.5). Every failure names the packet and the field.
 */
final class PacketReader {

    private final String packet;
    private final ByteBuffer body;

    PacketReader(String packet, ByteBuffer body) {
        this.packet = packet;
        this.body = body;
    }

    boolean hasRemaining() {
        return body.hasRemaining();
    }

    int remaining() {
        return body.remaining();
    }

    int u8(String field) throws MqttProtocolException {
        need(1, field);
        return body.get() & 0xFF;
    }

    int u16(String field) throws MqttProtocolException {
        need(2, field);
        return body.getShort() & 0xFFFF;
    }

    long u32(String field) throws MqttProtocolException {
        need(4, field);
        return body.getInt() & 0xFFFFFFFFL;
    }

    /** A Variable Byte Integer: 7 bits a byte, at most 4 bytes (section 1.5.5). */
    int varInt(String field) throws MqttProtocolException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = u8(field);
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw fail(field, "a variable byte integer of at most 4 bytes but the 4th byte has its continuation bit set");
    }

    byte[] binary(String field) throws MqttProtocolException {
        int length = u16(field + " length");
        need(length, field);
        byte[] bytes = new byte[length];
        body.get(bytes);
        return bytes;
    }

    /** Well-formed UTF-8 without U+0000 (section 1.5.4); a malformed string closes the connection. */
    String string(String field) throws MqttProtocolException {
        byte[] bytes = binary(field);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail(field, "well-formed UTF-8 but was not (" + e.getMessage() + ")");
        }
        if (text.indexOf('\0') >= 0) {
            throw fail(field, "a string without U+0000 but it holds one");
        }
        return text;
    }

    /** The rest of the packet, for a PUBLISH payload. */
    byte[] rest() {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return bytes;
    }

    /** Fails unless the packet's fields used every byte its remaining length announced. */
    void end() throws MqttProtocolException {
        if (body.hasRemaining()) {
            throw new MqttProtocolException(packet + ": expected the end of the packet but " + body.remaining()
                    + " bytes remain");
        }
    }

    /** A reader of the next {@code length} bytes only (a property list); this one skips them. */
    PacketReader slice(int length, String field) throws MqttProtocolException {
        need(length, field);
        ByteBuffer part = body.slice().limit(length);
        body.position(body.position() + length);
        return new PacketReader(packet, part);
    }

    MqttProtocolException fail(String field, String expectation) {
        return new MqttProtocolException(packet + " " + field + ": expected " + expectation);
    }

    private void need(int bytes, String field) throws MqttProtocolException {
        if (body.remaining() < bytes) {
            throw fail(field, bytes + " more bytes but the packet has " + body.remaining());
        }
    }
}
