package dev.meerkat.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An application message: topic, payload, QoS (0, 1 or 2), the retain flag and, for MQTT 5, its
 * properties (ignored on 3.1.1). The payload array is not copied; do not change it once handed over.
 */
public record MqttMessage(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties) {

    public MqttMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(properties, "properties");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("expected QoS 0, 1 or 2 but was " + qos);
        }
    }

    /** A message without properties. */
    public MqttMessage(String topic, byte[] payload, int qos, boolean retain) {
        this(topic, payload, qos, retain, MqttProperties.EMPTY);
    }

    /** A UTF-8 text payload, not retained. */
    public static MqttMessage text(String topic, String payload, int qos) {
        return new MqttMessage(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
    }

    /** The payload decoded as UTF-8. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttMessage m && topic.equals(m.topic) && Arrays.equals(payload, m.payload)
                && qos == m.qos && retain == m.retain && properties.equals(m.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain, properties);
    }

    @Override
    public String toString() {
        return "MqttMessage[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos + ", retain=" + retain
                + (properties.isEmpty() ? "" : ", " + properties) + "]";
    }
}
