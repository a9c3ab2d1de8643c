package dev.meerkat.mqtt;

import java.util.List;

/**
 * Bytes broke MQTT's syntax or a limit. The message names the packet and the field, and says what
 * was expected and what came; packets before the failing one were complete, and those that
 * completed in the same {@link MqttParser#feed} call are in {@link #packetsBefore()}.
 */
public final class MqttProtocolException extends Exception {

    /** The packets the failing feed completed before the malformed one; empty when none. */
    private List<MqttPacket> packetsBefore = List.of();

    /**
     * A protocol violation.
     *
     * @param message the packet and field, what was expected and what came
     */
    public MqttProtocolException(String message) {
        super(message);
    }

    /**
     * The packets that the failing {@link MqttParser#feed} call completed before the malformed one:
     * without them, what a reader receives before the failure would depend on how its reads split.
     *
     * @return the packets in order, empty when none
     */
    public List<MqttPacket> packetsBefore() {
        return packetsBefore;
    }

    void packetsBefore(List<MqttPacket> packets) {
        packetsBefore = List.copyOf(packets);
    }
}
