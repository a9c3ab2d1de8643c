package dev.meerkat.mqtt;

/** Receives an {@link MqttClient}'s messages and connection changes on the manager's thread. */
@FunctionalInterface
public interface MqttListener {

    /** A message arrived on a subscription (at QoS 2, once per message even when the broker resends). */
    void message(MqttMessage message);

    /** The broker accepted a connect or reconnect; {@code ack} says whether it kept the session. */
    default void connected(MqttPacket.ConnAck ack) {
    }

    /** The connection was lost; the client reconnects when its options say so. */
    default void connectionLost(Throwable cause) {
    }
}
