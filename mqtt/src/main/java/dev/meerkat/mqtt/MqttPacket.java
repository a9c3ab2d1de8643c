package dev.meerkat.mqtt;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The MQTT control packets (MQTT 5.0 chapter 3; 3.1.1 has the same ones but AUTH). On 3.1.1,
 * reason codes are 0 where the packet has none, properties are empty, and {@link UnsubAck} has no
 * reason codes. {@link MqttParser} makes them from bytes, {@link MqttEncoder} the other way.
 *
 * <table>
 * <caption>Packets</caption>
 * <tr><th>packet</th><th>type</th><th>direction</th></tr>
 * <tr><td>{@link Connect}</td><td>1</td><td>client to broker</td></tr>
 * <tr><td>{@link ConnAck}</td><td>2</td><td>broker to client</td></tr>
 * <tr><td>{@link Publish}</td><td>3</td><td>both</td></tr>
 * <tr><td>{@link PubAck} (PUBACK, PUBREC, PUBREL, PUBCOMP)</td><td>4 to 7</td><td>both</td></tr>
 * <tr><td>{@link Subscribe} / {@link SubAck}</td><td>8 / 9</td><td>client / broker</td></tr>
 * <tr><td>{@link Unsubscribe} / {@link UnsubAck}</td><td>10 / 11</td><td>client / broker</td></tr>
 * <tr><td>{@link PingReq} / {@link PingResp}</td><td>12 / 13</td><td>client / broker</td></tr>
 * <tr><td>{@link Disconnect}</td><td>14</td><td>both</td></tr>
 * <tr><td>{@link Auth}</td><td>15</td><td>both, MQTT 5 only</td></tr>
 * </table>
 */
public sealed interface MqttPacket {

    /** The packet's name as the specification writes it, for messages. */
    default String name() {
        return getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    /** The opening packet; a null will, user name or password is absent. */
    record Connect(MqttVersion version, String clientId, boolean cleanStart, int keepAliveSeconds, String username,
                   byte[] password, MqttMessage will, MqttProperties properties) implements MqttPacket {
        public Connect {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(properties, "properties");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Connect c && version == c.version && clientId.equals(c.clientId)
                    && cleanStart == c.cleanStart && keepAliveSeconds == c.keepAliveSeconds
                    && Objects.equals(username, c.username) && Arrays.equals(password, c.password)
                    && Objects.equals(will, c.will) && properties.equals(c.properties);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientId, keepAliveSeconds, username, will);
        }

        @Override
        public String toString() {
            return "CONNECT[" + version + " clientId=" + clientId + " cleanStart=" + cleanStart + " keepAlive="
                    + keepAliveSeconds + " username=" + username + (password != null ? " password=***" : "")
                    + " will=" + will + " properties=" + properties + "]";
        }
    }

    record ConnAck(boolean sessionPresent, int reasonCode, MqttProperties properties) implements MqttPacket {}

    /** An application message; {@code packetId} is 0 at QoS 0. */
    record Publish(int packetId, boolean dup, MqttMessage message) implements MqttPacket {}

    /** The four acknowledgements of the QoS 1 and 2 flows, which share one layout (section 3.4). */
    record PubAck(Kind kind, int packetId, int reasonCode, MqttProperties properties) implements MqttPacket {
        public enum Kind {
            PUBACK(4), PUBREC(5), PUBREL(6), PUBCOMP(7);

            final int type;

            Kind(int type) {
                this.type = type;
            }
        }

        @Override
        public String name() {
            return kind.name();
        }
    }

    record Subscribe(int packetId, List<Subscription> subscriptions, MqttProperties properties) implements MqttPacket {
        public Subscribe {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /** One reason code per subscription: the granted QoS, or 0x80 and above for a refusal. */
    record SubAck(int packetId, List<Integer> reasonCodes, MqttProperties properties) implements MqttPacket {
        public SubAck {
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    record Unsubscribe(int packetId, List<String> filters, MqttProperties properties) implements MqttPacket {
        public Unsubscribe {
            filters = List.copyOf(filters);
        }
    }

    record UnsubAck(int packetId, List<Integer> reasonCodes, MqttProperties properties) implements MqttPacket {
        public UnsubAck {
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    record PingReq() implements MqttPacket {}

    record PingResp() implements MqttPacket {}

    record Disconnect(int reasonCode, MqttProperties properties) implements MqttPacket {}

    record Auth(int reasonCode, MqttProperties properties) implements MqttPacket {}
}
