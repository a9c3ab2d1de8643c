package dev.meerkat.mqtt;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

    /**
     * The packet's name as the specification writes it, for messages.
     *
     * @return such as {@code CONNECT} or {@code PUBREC}
     */
    default String name() {
        return getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The opening packet; a null will, user name or password is absent.
     *
     * @param version the protocol version the client speaks
     * @param clientId the client identifier; empty asks an MQTT 5 broker to assign one
     * @param cleanStart true to drop any session kept for the client id
     * @param keepAliveSeconds the keep-alive interval in seconds, 0 to 65535; 0 for none
     * @param username the user name, or null
     * @param password the password bytes (not copied), or null
     * @param will the will message, or null
     * @param properties the MQTT 5 properties; {@link MqttProperties#EMPTY} on 3.1.1
     */
    record Connect(MqttVersion version, String clientId, boolean cleanStart, int keepAliveSeconds, @Nullable String username,
                   byte @Nullable [] password, @Nullable MqttMessage will, MqttProperties properties) implements MqttPacket {
        /**
         * Checks the required fields.
         *
         * @param version the protocol version
         * @param clientId the client identifier
         * @param cleanStart clean start
         * @param keepAliveSeconds the keep-alive in seconds
         * @param username the user name, or null
         * @param password the password, or null
         * @param will the will, or null
         * @param properties the properties
         * @throws NullPointerException if {@code version}, {@code clientId} or {@code properties} is null
         */
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

    /**
     * The broker's answer to CONNECT.
     *
     * @param sessionPresent whether the broker kept a session for the client id
     * @param reasonCode 0 for success; a refusal is 0x80 and above (3.1.1: a return code 1 to 5)
     * @param properties the MQTT 5 properties; {@link MqttProperties#EMPTY} on 3.1.1
     */
    record ConnAck(boolean sessionPresent, int reasonCode, MqttProperties properties) implements MqttPacket {}

    /**
     * An application message.
     *
     * @param packetId 1 to 65535 at QoS 1 and 2; 0 at QoS 0
     * @param dup true when this is a resend of an earlier attempt
     * @param message the topic, payload, QoS, retain flag and properties
     */
    record Publish(int packetId, boolean dup, MqttMessage message) implements MqttPacket {}

    /**
     * The four acknowledgements of the QoS 1 and 2 flows, which share one layout (section 3.4).
     *
     * @param kind which of the four
     * @param packetId the packet identifier of the publication it acknowledges
     * @param reasonCode 0 for success, 0x80 and above for a refusal; 0 on 3.1.1
     * @param properties the MQTT 5 properties; {@link MqttProperties#EMPTY} on 3.1.1
     */
    record PubAck(Kind kind, int packetId, int reasonCode, MqttProperties properties) implements MqttPacket {
        /** Which acknowledgement, and its packet type. */
        public enum Kind {
            /** Type 4: QoS 1 publication received. */
            PUBACK(4),
            /** Type 5: QoS 2 publication received, first step. */
            PUBREC(5),
            /** Type 6: QoS 2 release, the answer to PUBREC. */
            PUBREL(6),
            /** Type 7: QoS 2 complete, the answer to PUBREL. */
            PUBCOMP(7);

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

    /**
     * A request to subscribe.
     *
     * @param packetId 1 to 65535; the SUBACK carries it back
     * @param subscriptions the filters and their options, copied
     * @param properties the MQTT 5 properties; {@link MqttProperties#EMPTY} on 3.1.1
     */
    record Subscribe(int packetId, List<Subscription> subscriptions, MqttProperties properties) implements MqttPacket {
        /**
         * Copies the list.
         *
         * @param packetId the packet identifier
         * @param subscriptions the subscriptions
         * @param properties the properties
         * @throws NullPointerException if {@code subscriptions} is or holds null
         */
        public Subscribe {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /**
     * The answer to SUBSCRIBE: one reason code per subscription.
     *
     * @param packetId the SUBSCRIBE's packet identifier
     * @param reasonCodes per subscription, in order: the granted QoS, or 0x80 and above for a refusal
     * @param properties the MQTT 5 properties; {@link MqttProperties#EMPTY} on 3.1.1
     */
    record SubAck(int packetId, List<Integer> reasonCodes, MqttProperties properties) implements MqttPacket {
        /**
         * Copies the list.
         *
         * @param packetId the packet identifier
         * @param reasonCodes the reason codes
         * @param properties the properties
         * @throws NullPointerException if {@code reasonCodes} is or holds null
         */
        public SubAck {
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    /**
     * A request to unsubscribe.
     *
     * @param packetId 1 to 65535; the UNSUBACK carries it back
     * @param filters the topic filters, as subscribed, copied
     * @param properties the MQTT 5 properties; {@link MqttProperties#EMPTY} on 3.1.1
     */
    record Unsubscribe(int packetId, List<String> filters, MqttProperties properties) implements MqttPacket {
        /**
         * Copies the list.
         *
         * @param packetId the packet identifier
         * @param filters the filters
         * @param properties the properties
         * @throws NullPointerException if {@code filters} is or holds null
         */
        public Unsubscribe {
            filters = List.copyOf(filters);
        }
    }

    /**
     * The answer to UNSUBSCRIBE.
     *
     * @param packetId the UNSUBSCRIBE's packet identifier
     * @param reasonCodes per filter, in order: 0 or 0x11 (no subscription existed), 0x80 and above for
     *     a refusal; empty on 3.1.1
     * @param properties the MQTT 5 properties; {@link MqttProperties#EMPTY} on 3.1.1
     */
    record UnsubAck(int packetId, List<Integer> reasonCodes, MqttProperties properties) implements MqttPacket {
        /**
         * Copies the list.
         *
         * @param packetId the packet identifier
         * @param reasonCodes the reason codes
         * @param properties the properties
         * @throws NullPointerException if {@code reasonCodes} is or holds null
         */
        public UnsubAck {
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    /** The client's keep-alive probe. */
    record PingReq() implements MqttPacket {}

    /** The broker's answer to PINGREQ. */
    record PingResp() implements MqttPacket {}

    /**
     * The end of a connection, from either side.
     *
     * @param reasonCode 0 for a normal disconnect (4 asks the broker to publish the will), 0x80 and
     *     above for an error; 0 on 3.1.1
     * @param properties the MQTT 5 properties; {@link MqttProperties#EMPTY} on 3.1.1
     */
    record Disconnect(int reasonCode, MqttProperties properties) implements MqttPacket {}

    /**
     * An MQTT 5 extended authentication step.
     *
     * @param reasonCode 0 success, 0x18 continue authentication, 0x19 re-authenticate
     * @param properties the authentication method and data
     */
    record Auth(int reasonCode, MqttProperties properties) implements MqttPacket {}
}
