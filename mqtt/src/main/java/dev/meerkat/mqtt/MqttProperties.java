package dev.meerkat.mqtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * MQTT 5 properties (section 2.2.2 of the specification), in the order they came or were added.
 * Values are {@code Long} for the integer types, {@code String}, {@code byte[]} for binary data and
 * {@link UserProperty} for user properties. Immutable; {@link #with} returns a new set.
 *
 * <pre>{@code
 * MqttProperties.EMPTY.with(MqttProperties.MESSAGE_EXPIRY_INTERVAL, 60L).withUser("trace", "abc")
 * }</pre>
 */
public final class MqttProperties {

    /** Payload Format Indicator (byte; PUBLISH, will): 0 unspecified bytes, 1 UTF-8 text. */
    public static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    /** Message Expiry Interval (four-byte integer; PUBLISH, will): the message's lifetime in seconds. */
    public static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    /** Content Type (UTF-8 string; PUBLISH, will): the payload's type, such as a MIME type. */
    public static final int CONTENT_TYPE = 0x03;
    /** Response Topic (UTF-8 string; PUBLISH, will): where a request's answer goes. */
    public static final int RESPONSE_TOPIC = 0x08;
    /** Correlation Data (binary; PUBLISH, will): ties an answer to its request. */
    public static final int CORRELATION_DATA = 0x09;
    /** Subscription Identifier (variable byte integer; SUBSCRIBE, PUBLISH): which subscriptions matched. */
    public static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    /**
     * Session Expiry Interval (four-byte integer; CONNECT, CONNACK, DISCONNECT): seconds the session outlives the
     * connection.
     */
    public static final int SESSION_EXPIRY_INTERVAL = 0x11;
    /** Assigned Client Identifier (UTF-8 string; CONNACK): the id the broker chose for an empty one. */
    public static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    /** Server Keep Alive (two-byte integer; CONNACK): the keep-alive in seconds the broker imposes. */
    public static final int SERVER_KEEP_ALIVE = 0x13;
    /** Authentication Method (UTF-8 string; CONNECT, CONNACK, AUTH): the extended authentication's name. */
    public static final int AUTHENTICATION_METHOD = 0x15;
    /** Authentication Data (binary; CONNECT, CONNACK, AUTH): the extended authentication's data. */
    public static final int AUTHENTICATION_DATA = 0x16;
    /** Request Problem Information (byte; CONNECT): 0 asks the broker to leave reason strings out of failures. */
    public static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    /** Will Delay Interval (four-byte integer; will): seconds the broker waits before publishing the will. */
    public static final int WILL_DELAY_INTERVAL = 0x18;
    /** Request Response Information (byte; CONNECT): 1 asks for Response Information in CONNACK. */
    public static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    /** Response Information (UTF-8 string; CONNACK): a basis for response topics. */
    public static final int RESPONSE_INFORMATION = 0x1A;
    /** Server Reference (UTF-8 string; CONNACK, DISCONNECT): another broker to use. */
    public static final int SERVER_REFERENCE = 0x1C;
    /** Reason String (UTF-8 string; acknowledgements, DISCONNECT, AUTH): a reason for people, not programs. */
    public static final int REASON_STRING = 0x1F;
    /**
     * Receive Maximum (two-byte integer; CONNECT, CONNACK): how many QoS 1 and 2 publications the sender of it
     * accepts at once.
     */
    public static final int RECEIVE_MAXIMUM = 0x21;
    /** Topic Alias Maximum (two-byte integer; CONNECT, CONNACK): the highest topic alias the sender of it accepts. */
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    /** Topic Alias (two-byte integer; PUBLISH): a number standing for the topic. */
    public static final int TOPIC_ALIAS = 0x23;
    /** Maximum QoS (byte; CONNACK): the highest QoS the broker supports. */
    public static final int MAXIMUM_QOS = 0x24;
    /** Retain Available (byte; CONNACK): 0 when the broker does not support retained messages. */
    public static final int RETAIN_AVAILABLE = 0x25;
    /** User Property (UTF-8 string pair, a {@link UserProperty}; every packet with properties); may repeat. */
    public static final int USER_PROPERTY = 0x26;
    /**
     * Maximum Packet Size (four-byte integer; CONNECT, CONNACK): the largest packet the sender of it accepts, in
     * bytes.
     */
    public static final int MAXIMUM_PACKET_SIZE = 0x27;
    /** Wildcard Subscription Available (byte; CONNACK): 0 when the broker refuses wildcard filters. */
    public static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    /** Subscription Identifier Available (byte; CONNACK): 0 when the broker does not support them. */
    public static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    /** Shared Subscription Available (byte; CONNACK): 0 when the broker does not support them. */
    public static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    /** No properties: what a packet carries on 3.1.1, and the start for {@link #with}. */
    public static final MqttProperties EMPTY = new MqttProperties(List.of());

    /**
     * One property: its identifier and value.
     *
     * @param id the property identifier, one of the constants of {@link MqttProperties}
     * @param value a {@code Long} for the integer types, a {@code String}, a {@code byte[]} for binary
     *     data (not copied) or a {@link UserProperty}
     */
    public record Property(int id, Object value) {
        /**
         * Checks that {@code value} fits the identifier's type.
         *
         * @param id the property identifier
         * @param value the value
         * @throws IllegalArgumentException if {@code id} is not an MQTT 5 property identifier, or
         *     {@code value} is not of its type or out of its range
         */
        public Property {
            PropertyType.of(id).check(id, value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Property p && id == p.id && Objects.deepEquals(value, p.value);
        }

        @Override
        public int hashCode() {
            return id * 31 + (value instanceof byte[] b ? Arrays.hashCode(b) : value.hashCode());
        }

        @Override
        public String toString() {
            return "0x" + Integer.toHexString(id) + "=" + (value instanceof byte[] b ? b.length + " bytes" : value);
        }
    }

    /**
     * A user property (0x26): a name and a value, both UTF-8 strings; names may repeat.
     *
     * @param name the name
     * @param value the value
     */
    public record UserProperty(String name, String value) {
        /**
         * Checks both parts are present.
         *
         * @param name the name
         * @param value the value
         * @throws NullPointerException if {@code name} or {@code value} is null
         */
        public UserProperty {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Property> properties;

    private MqttProperties(List<Property> properties) {
        this.properties = List.copyOf(properties);
    }

    /**
     * These properties and {@code id = value}, added last; an identifier already present is kept too.
     *
     * @param id the property identifier, one of the constants here
     * @param value a {@code Long} for the integer types, a {@code String}, or a {@code byte[]} for binary data
     * @return a new set; this one is unchanged
     * @throws IllegalArgumentException if {@code id} is unknown or {@code value} does not fit its type
     */
    public MqttProperties with(int id, Object value) {
        List<Property> more = new ArrayList<>(properties);
        more.add(new Property(id, value));
        return new MqttProperties(more);
    }

    /**
     * These properties and a user property.
     *
     * @param name the user property's name
     * @param value its value
     * @return a new set; this one is unchanged
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public MqttProperties withUser(String name, String value) {
        return with(USER_PROPERTY, new UserProperty(name, value));
    }

    /**
     * Every property, in the order they came or were added.
     *
     * @return an unmodifiable list
     */
    public List<Property> all() {
        return properties;
    }

    /**
     * Whether there is no property, as always on 3.1.1.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return properties.isEmpty();
    }

    /**
     * The first value of {@code id}.
     *
     * @param id the property identifier
     * @return the value (see {@link Property#value()} for its class), or null when absent
     */
    public @Nullable Object get(int id) {
        for (Property p : properties) {
            if (p.id == id) {
                return p.value;
            }
        }
        return null;
    }

    /**
     * The first integer value of {@code id}.
     *
     * @param id the identifier of an integer property
     * @param otherwise what to return when the property is absent
     * @return the value, or {@code otherwise} when absent or not an integer
     */
    public long number(int id, long otherwise) {
        return get(id) instanceof Long n ? n : otherwise;
    }

    /**
     * The user properties, in order; a name may appear more than once.
     *
     * @return an unmodifiable list, empty when there are none
     */
    public List<UserProperty> userProperties() {
        return properties.stream().filter(p -> p.id == USER_PROPERTY).map(p -> (UserProperty) p.value).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttProperties p && properties.equals(p.properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    @Override
    public String toString() {
        return properties.toString();
    }
}
