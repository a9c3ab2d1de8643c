package dev.meerkat.mqtt;

/** Receives an {@link MqttClient}'s messages and connection changes on the manager's thread. */
@FunctionalInterface
public interface MqttListener {

    /**
     * A message arrived on a subscription (at QoS 2, once per message even when the broker resends).
     * Runs on the manager's thread: return quickly, and hand long work to another thread.
     *
     * @param message the message, its payload owned by the listener from now on
     */
    void message(MqttMessage message);

    /**
     * The broker accepted a connect or reconnect. Does nothing by default.
     *
     * @param ack the CONNACK; {@link MqttPacket.ConnAck#sessionPresent()} says whether it kept the session
     */
    default void connected(MqttPacket.ConnAck ack) {
    }

    /**
     * The connection was lost; the client reconnects when its options say so. Does nothing by default.
     *
     * @param cause why: an I/O error, a protocol error, a timeout, or an {@link MqttException} with the
     *     broker's reason code when the broker disconnected
     */
    default void connectionLost(Throwable cause) {
    }
}
