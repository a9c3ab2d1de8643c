package dev.meerkat.mqtt;

import dev.meerkat.mqtt.MqttProperties.UserProperty;
import org.jspecify.annotations.Nullable;

/** The data type of each MQTT 5 property identifier (section 2.2.2.2): how to check, read and write it. */
enum PropertyType {
    BYTE, TWO_BYTE, FOUR_BYTE, VARIABLE, STRING, BINARY, PAIR;

    private static final PropertyType[] BY_ID = new PropertyType[0x2B];

    static {
        assign(BYTE, 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A);
        assign(TWO_BYTE, 0x13, 0x21, 0x22, 0x23);
        assign(FOUR_BYTE, 0x02, 0x11, 0x18, 0x27);
        assign(VARIABLE, 0x0B);
        assign(STRING, 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F);
        assign(BINARY, 0x09, 0x16);
        assign(PAIR, 0x26);
    }

    private static void assign(PropertyType type, int... ids) {
        for (int id : ids) {
            BY_ID[id] = type;
        }
    }

    /** The type of {@code id}, or null for an identifier MQTT 5 does not define. */
    static @Nullable PropertyType ofOrNull(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    static PropertyType of(int id) {
        PropertyType type = ofOrNull(id);
        if (type == null) {
            throw new IllegalArgumentException("expected an MQTT 5 property identifier but was 0x" + Integer.toHexString(id));
        }
        return type;
    }

    void check(int id, Object value) {
        boolean fits = switch (this) {
            case BYTE -> value instanceof Long n && n >= 0 && n <= 0xFF;
            case TWO_BYTE -> value instanceof Long n && n >= 0 && n <= 0xFFFF;
            case FOUR_BYTE -> value instanceof Long n && n >= 0 && n <= 0xFFFFFFFFL;
            case VARIABLE -> value instanceof Long n && n >= 0 && n <= 268_435_455;
            case STRING -> value instanceof String;
            case BINARY -> value instanceof byte[];
            case PAIR -> value instanceof UserProperty;
        };
        if (!fits) {
            throw new IllegalArgumentException("property 0x" + Integer.toHexString(id) + " expected a " + this
                    + " value but was " + value);
        }
    }

    Object read(PacketReader in, String field) throws MqttProtocolException {
        return switch (this) {
            case BYTE -> (long) in.u8(field);
            case TWO_BYTE -> (long) in.u16(field);
            case FOUR_BYTE -> in.u32(field);
            case VARIABLE -> (long) in.varInt(field);
            case STRING -> in.string(field);
            case BINARY -> in.binary(field);
            case PAIR -> new UserProperty(in.string(field + " name"), in.string(field + " value"));
        };
    }

    void write(PacketWriter out, Object value) {
        switch (this) {
            case BYTE -> out.u8(((Long) value).intValue());
            case TWO_BYTE -> out.u16(((Long) value).intValue());
            case FOUR_BYTE -> out.u32((Long) value);
            case VARIABLE -> out.varInt(((Long) value).intValue());
            case STRING -> out.string((String) value);
            case BINARY -> out.binary((byte[]) value);
            case PAIR -> out.string(((UserProperty) value).name()).string(((UserProperty) value).value());
        }
    }
}
