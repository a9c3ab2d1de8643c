package dev.meerkat.mqtt;

/** The protocol level a CONNECT names: 4 for MQTT 3.1.1, 5 for MQTT 5.0. */
public enum MqttVersion {
    V3_1_1(4),
    V5(5);

    private final int level;

    MqttVersion(int level) {
        this.level = level;
    }

    /** The protocol level byte of CONNECT. */
    public int level() {
        return level;
    }

    /** The version of a protocol level byte, or null when Meerkat does not speak it. */
    static MqttVersion ofLevel(int level) {
        for (MqttVersion v : values()) {
            if (v.level == level) {
                return v;
            }
        }
        return null;
    }
}
