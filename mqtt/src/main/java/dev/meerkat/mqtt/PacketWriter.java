package dev.meerkat.mqtt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the data types of MQTT section 1.5 into a growing array. */
final class PacketWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    PacketWriter u8(int value) {
        out.write(value);
        return this;
    }

    PacketWriter u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    PacketWriter u32(long value) {
        u16((int) (value >>> 16));
        return u16((int) value);
    }

    PacketWriter varInt(int value) {
        do {
            int b = value & 0x7F;
            value >>>= 7;
            out.write(value > 0 ? b | 0x80 : b);
        } while (value > 0);
        return this;
    }

    PacketWriter binary(byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("expected at most 65535 bytes in a binary field but was " + bytes.length);
        }
        u16(bytes.length);
        return raw(bytes);
    }

    PacketWriter string(String text) {
        return binary(text.getBytes(StandardCharsets.UTF_8));
    }

    PacketWriter raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
