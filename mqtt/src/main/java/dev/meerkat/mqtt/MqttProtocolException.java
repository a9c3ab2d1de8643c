package dev.meerkat.mqtt;

/**
 * Bytes broke MQTT's syntax or a limit. The message names the packet and the field, and says what
 * was expected and what came; packets before the failing one were complete.
 */
public final class MqttProtocolException extends Exception {

    /**
     * A protocol violation.
     *
     * @param message the packet and field, what was expected and what came
     */
    public MqttProtocolException(String message) {
        super(message);
    }
}
