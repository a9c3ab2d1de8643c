package dev.meerkat.mqtt;

import java.util.BitSet;

/** A property list: its Variable Byte Integer length, then identifier and value pairs (MQTT 5.0 section 2.2.2). */
final class PropertyCodec {

    private PropertyCodec() {
    }

    static MqttProperties read(PacketReader in) throws MqttProtocolException {
        PacketReader list = in.slice(in.varInt("property length"), "properties");
        MqttProperties properties = MqttProperties.EMPTY;
        BitSet seen = new BitSet();
        while (list.hasRemaining()) {
            int id = list.varInt("property identifier");
            PropertyType type = PropertyType.ofOrNull(id);
            if (type == null) {
                throw list.fail("property identifier", "one MQTT 5 defines but was 0x" + Integer.toHexString(id));
            }
            if (seen.get(id) && !mayRepeat(id)) {
                throw list.fail("property 0x" + Integer.toHexString(id), "it at most once but it came twice");
            }
            seen.set(id);
            properties = properties.with(id, type.read(list, "property 0x" + Integer.toHexString(id)));
        }
        return properties;
    }

    static void write(PacketWriter out, MqttProperties properties) {
        PacketWriter list = new PacketWriter();
        for (MqttProperties.Property p : properties.all()) {
            list.varInt(p.id());
            PropertyType.of(p.id()).write(list, p.value());
        }
        out.varInt(list.size()).raw(list.toByteArray());
    }

    /** Section 2.2.2.2: only user properties and subscription identifiers may appear more than once. */
    private static boolean mayRepeat(int id) {
        return id == MqttProperties.USER_PROPERTY || id == MqttProperties.SUBSCRIPTION_IDENTIFIER;
    }
}
