package dev.meerkat.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An application message: topic, payload, QoS (0, 1 or 2), the retain flag and, for MQTT 5, its
 * properties (ignored on 3.1.1). The payload array is not copied; do not change it once handed over.
 *
 * @param topic the topic name (publish) or the topic it came on (received)
 * @param payload the payload bytes, possibly empty
 * @param qos the quality of service: 0 at most once, 1 at least once, 2 exactly once
 * @param retain whether the broker keeps it for later subscribers (on a received message: whether it
 *     was a retained one)
 * @param properties the MQTT 5 properties, {@link MqttProperties#EMPTY} for none
 */
public record MqttMessage(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties) {

    /**
     * Checks the message.
     *
     * @param topic the topic name
     * @param payload the payload bytes
     * @param qos 0, 1 or 2
     * @param retain the retain flag
     * @param properties the MQTT 5 properties
     * @throws NullPointerException if {@code topic}, {@code payload} or {@code properties} is null
     * @throws IllegalArgumentException if {@code qos} is not 0, 1 or 2
     */
    public MqttMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(properties, "properties");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("expected QoS 0, 1 or 2 but was " + qos);
        }
    }

    /**
     * A message without properties.
     *
     * @param topic the topic name
     * @param payload the payload bytes, not copied
     * @param qos 0, 1 or 2
     * @param retain whether the broker keeps it for later subscribers
     * @throws NullPointerException if {@code topic} or {@code payload} is null
     * @throws IllegalArgumentException if {@code qos} is not 0, 1 or 2
     */
    public MqttMessage(String topic, byte[] payload, int qos, boolean retain) {
        this(topic, payload, qos, retain, MqttProperties.EMPTY);
    }

    /**
     * A message with a UTF-8 text payload, not retained, without properties.
     *
     * @param topic the topic name
     * @param payload the text, encoded as UTF-8
     * @param qos 0, 1 or 2
     * @return the message
     * @throws NullPointerException if {@code topic} or {@code payload} is null
     * @throws IllegalArgumentException if {@code qos} is not 0, 1 or 2
     */
    public static MqttMessage text(String topic, String payload, int qos) {
        return new MqttMessage(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
    }

    /**
     * The payload decoded as UTF-8.
     *
     * @return the text; malformed bytes become U+FFFD
     */
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
