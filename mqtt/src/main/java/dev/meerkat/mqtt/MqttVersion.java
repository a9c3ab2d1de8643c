package dev.meerkat.mqtt;

import org.jspecify.annotations.Nullable;

/** The protocol level a CONNECT names: 4 for MQTT 3.1.1, 5 for MQTT 5.0. */
public enum MqttVersion {
    /** MQTT 3.1.1 (OASIS standard, 2014), protocol level 4. */
    V3_1_1(4),
    /** MQTT 5.0 (OASIS standard, 2019), protocol level 5: reason codes and properties. */
    V5(5);

    private final int level;

    MqttVersion(int level) {
        this.level = level;
    }

    /**
     * The protocol level byte of CONNECT.
     *
     * @return 4 or 5
     */
    public int level() {
        return level;
    }

    /** The version of a protocol level byte, or null when Meerkat does not speak it. */
    static @Nullable MqttVersion ofLevel(int level) {
        for (MqttVersion v : values()) {
            if (v.level == level) {
                return v;
            }
        }
        return null;
    }
}
