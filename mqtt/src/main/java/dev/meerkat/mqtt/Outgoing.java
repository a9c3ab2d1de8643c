package dev.meerkat.mqtt;

import java.util.concurrent.CompletableFuture;

/** One publication of this client: waiting, then in flight under its packet identifier until acknowledged. */
final class Outgoing {

    final MqttMessage message;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    int packetId;
    /** QoS 2: PUBREC came, PUBREL was sent; a resend after reconnect sends PUBREL, not PUBLISH. */
    boolean released;

    Outgoing(MqttMessage message) {
        this.message = message;
    }

    /** What to send now: the PUBLISH (DUP set on a resend) or, once released, the PUBREL. */
    MqttPacket packet(boolean resend) {
        if (released) {
            return new MqttPacket.PubAck(MqttPacket.PubAck.Kind.PUBREL, packetId, 0, MqttProperties.EMPTY);
        }
        return new MqttPacket.Publish(packetId, resend && message.qos() > 0, message);
    }
}
