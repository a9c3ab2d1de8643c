package dev.meerkat.mqtt;

/**
 * An MQTT operation failed: the broker refused it with {@link #reasonCode()} (0 when no reason
 * code applies: the connection was lost, the client closed, the broker broke the protocol).
 */
public final class MqttException extends RuntimeException {

    private final int reasonCode;

    public MqttException(String message, int reasonCode, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    public int reasonCode() {
        return reasonCode;
    }
}
