package dev.meerkat.mqtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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

    public static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    public static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    public static final int CONTENT_TYPE = 0x03;
    public static final int RESPONSE_TOPIC = 0x08;
    public static final int CORRELATION_DATA = 0x09;
    public static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    public static final int SESSION_EXPIRY_INTERVAL = 0x11;
    public static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int AUTHENTICATION_METHOD = 0x15;
    public static final int AUTHENTICATION_DATA = 0x16;
    public static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    public static final int WILL_DELAY_INTERVAL = 0x18;
    public static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    public static final int RESPONSE_INFORMATION = 0x1A;
    public static final int SERVER_REFERENCE = 0x1C;
    public static final int REASON_STRING = 0x1F;
    public static final int RECEIVE_MAXIMUM = 0x21;
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    public static final int TOPIC_ALIAS = 0x23;
    public static final int MAXIMUM_QOS = 0x24;
    public static final int RETAIN_AVAILABLE = 0x25;
    public static final int USER_PROPERTY = 0x26;
    public static final int MAXIMUM_PACKET_SIZE = 0x27;
    public static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    public static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    public static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    public static final MqttProperties EMPTY = new MqttProperties(List.of());

    /** One property: its identifier and value. */
    public record Property(int id, Object value) {
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

    /** A user property (0x26): a name and a value, both UTF-8 strings; names may repeat. */
    public record UserProperty(String name, String value) {
        public UserProperty {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Property> properties;

    private MqttProperties(List<Property> properties) {
        this.properties = List.copyOf(properties);
    }

    /** These properties and {@code id = value}; throws when the value does not fit the identifier's type. */
    public MqttProperties with(int id, Object value) {
        List<Property> more = new ArrayList<>(properties);
        more.add(new Property(id, value));
        return new MqttProperties(more);
    }

    public MqttProperties withUser(String name, String value) {
        return with(USER_PROPERTY, new UserProperty(name, value));
    }

    public List<Property> all() {
        return properties;
    }

    public boolean isEmpty() {
        return properties.isEmpty();
    }

    /** The first value of {@code id}, or null. */
    public Object get(int id) {
        for (Property p : properties) {
            if (p.id == id) {
                return p.value;
            }
        }
        return null;
    }

    /** The first integer value of {@code id}, or {@code otherwise} when absent. */
    public long number(int id, long otherwise) {
        return get(id) instanceof Long n ? n : otherwise;
    }

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
