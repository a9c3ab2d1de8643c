package dev.meerkat.mqtt;

import org.jspecify.annotations.Nullable;

/**
 * An MQTT operation failed: the broker refused it with {@link #reasonCode()} (0 when no reason
 * code applies: the connection was lost, the client closed, the broker broke the protocol).
 */
public final class MqttException extends RuntimeException {

    /** The broker's reason code, or 0 when none applies; part of the serialized form. */
    private final int reasonCode;

    /**
     * A failed operation.
     *
     * @param message what failed, with the broker's reason code and reason string when it sent them
     * @param reasonCode the broker's reason code (MQTT 5.0 section 2.4, or a 3.1.1 CONNACK return
     *     code), or 0 when none applies
     * @param cause what made it fail, or null
     */
    public MqttException(String message, int reasonCode, @Nullable Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    /**
     * The broker's reason code; {@link ReasonCodes#describe} names it.
     *
     * @return the code, 0x80 and above for a refusal (a 3.1.1 CONNACK: 1 to 5); 0 when no reason
     *     code applies
     */
    public int reasonCode() {
        return reasonCode;
    }
}
