package dev.meerkat.mqtt;

import dev.meerkat.mqtt.MqttPacket.ConnAck;
import dev.meerkat.mqtt.MqttPacket.Connect;
import dev.meerkat.mqtt.MqttPacket.PubAck;
import dev.meerkat.mqtt.MqttPacket.Publish;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes one packet from its fixed header's first byte and its body. Strict: reserved flags and
 * bits, QoS 3, a packet identifier of 0, wildcards in a topic name, an empty subscription list and
 * bytes left over are errors, as the specification's "MUST" says (MQTT 5.0 chapter 3).
 */
final class PacketDecoder {

    static final String[] NAMES = {"RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
            "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    private final PacketReader in;
    private final int type;
    private final int flags;
    private final boolean v5;

    private PacketDecoder(PacketReader in, int first, MqttVersion version) {
        this.in = in;
        this.type = first >>> 4;
        this.flags = first & 0x0F;
        this.v5 = version == MqttVersion.V5;
    }

    /** Decodes the body {@code in} of a packet whose fixed header starts with {@code first}. */
    static MqttPacket decode(int first, PacketReader in, MqttVersion version) throws MqttProtocolException {
        PacketDecoder d = new PacketDecoder(in, first, version);
        d.checkFlags();
        MqttPacket packet = d.body();
        if (!(packet instanceof Publish)) {
            in.end();
        }
        return packet;
    }

    /** Section 2.1.3: fixed flags per type, except PUBLISH. */
    private void checkFlags() throws MqttProtocolException {
        int expected = type == 6 || type == 8 || type == 10 ? 2 : 0;
        if (type != 3 && flags != expected) {
            throw in.fail("fixed header flags", "0x" + expected + " but were 0x" + Integer.toHexString(flags));
        }
    }

    private MqttPacket body() throws MqttProtocolException {
        return switch (type) {
            case 1 -> connect();
            case 2 -> connAck();
            case 3 -> publish();
            case 4, 5, 6, 7 -> pubAck();
            case 8 -> subscribe();
            case 9 -> subAck();
            case 10 -> unsubscribe();
            case 11 -> unsubAck();
            case 12 -> new MqttPacket.PingReq();
            case 13 -> new MqttPacket.PingResp();
            case 14 -> new MqttPacket.Disconnect(optionalReason(), optionalProps());
            case 15 -> auth();
            default -> throw in.fail("packet type", "1 to 15 but was 0 (reserved)");
        };
    }

    private MqttPacket connect() throws MqttProtocolException {
        String protocol = in.string("protocol name");
        if (!protocol.equals("MQTT")) {
            throw in.fail("protocol name", "'MQTT' but was '" + protocol + "'");
        }
        int level = in.u8("protocol level");
        MqttVersion version = MqttVersion.ofLevel(level);
        if (version == null) {
            throw in.fail("protocol level", "4 (3.1.1) or 5 (5.0) but was " + level);
        }
        boolean connectV5 = version == MqttVersion.V5;
        int f = in.u8("connect flags");
        checkConnectFlags(f);
        int keepAlive = in.u16("keep alive");
        MqttProperties properties = connectV5 ? PropertyCodec.read(in) : MqttProperties.EMPTY;
        String clientId = in.string("client identifier");
        MqttMessage will = null;
        if ((f & 0x04) != 0) {
            MqttProperties willProperties = connectV5 ? PropertyCodec.read(in) : MqttProperties.EMPTY;
            String topic = topicName("will topic");
            will = new MqttMessage(topic, in.binary("will payload"), (f >> 3) & 3, (f & 0x20) != 0, willProperties);
        }
        String username = (f & 0x80) != 0 ? in.string("user name") : null;
        byte[] password = (f & 0x40) != 0 ? in.binary("password") : null;
        return new Connect(version, clientId, (f & 0x02) != 0, keepAlive, username, password, will, properties);
    }

    /** Section 3.1.2.3: bit 0 reserved; will QoS and retain only with the will flag; QoS 3 is invalid. */
    private void checkConnectFlags(int f) throws MqttProtocolException {
        if ((f & 0x01) != 0) {
            throw in.fail("connect flags", "the reserved bit 0 clear but it was set");
        }
        int willQos = (f >> 3) & 3;
        if (willQos == 3 || (f & 0x04) == 0 && (f & 0x38) != 0) {
            throw in.fail("connect flags", "will QoS 0 to 2, and will QoS and retain clear without a will, but flags were 0x"
                    + Integer.toHexString(f));
        }
    }

    private MqttPacket connAck() throws MqttProtocolException {
        int ackFlags = in.u8("connect acknowledge flags");
        if ((ackFlags & 0xFE) != 0) {
            throw in.fail("connect acknowledge flags", "bits 7 to 1 clear but were 0x" + Integer.toHexString(ackFlags));
        }
        return new ConnAck(ackFlags == 1, in.u8("reason code"), props());
    }

    private MqttPacket publish() throws MqttProtocolException {
        int qos = (flags >> 1) & 3;
        boolean dup = (flags & 0x08) != 0;
        if (qos == 3 || qos == 0 && dup) {
            throw in.fail("fixed header flags", "QoS 0 to 2 and DUP clear at QoS 0 but flags were 0x"
                    + Integer.toHexString(flags));
        }
        String topic = v5 ? in.string("topic name") : topicName("topic name");
        if (v5 && (topic.contains("+") || topic.contains("#"))) {
            throw in.fail("topic name", "no wildcards but was '" + topic + "'");
        }
        int packetId = qos > 0 ? packetId() : 0;
        MqttProperties properties = props();
        return new Publish(packetId, dup, new MqttMessage(topic, in.rest(), qos, (flags & 1) != 0, properties));
    }

    private MqttPacket pubAck() throws MqttProtocolException {
        return new PubAck(PubAck.Kind.values()[type - 4], packetId(), optionalReason(), optionalProps());
    }

    private MqttPacket subscribe() throws MqttProtocolException {
        int packetId = packetId();
        MqttProperties properties = props();
        List<Subscription> subscriptions = new ArrayList<>();
        do {
            String filter = in.string("topic filter");
            subscriptions.add(subscription(filter, in.u8("subscription options")));
        } while (in.hasRemaining());
        return new MqttPacket.Subscribe(packetId, subscriptions, properties);
    }

    private Subscription subscription(String filter, int options) throws MqttProtocolException {
        int reserved = v5 ? 0xC0 : 0xFC;
        if ((options & reserved) != 0 || (options & 3) == 3 || (options >> 4 & 3) == 3) {
            throw in.fail("subscription options of '" + filter + "'", "reserved bits clear, QoS 0 to 2 and retain"
                    + " handling 0 to 2 but were 0x" + Integer.toHexString(options));
        }
        try {
            return new Subscription(filter, options & 3, (options & 4) != 0, (options & 8) != 0, options >> 4 & 3);
        } catch (IllegalArgumentException e) {
            throw in.fail("topic filter", "a valid filter: " + e.getMessage());
        }
    }

    private MqttPacket subAck() throws MqttProtocolException {
        int packetId = packetId();
        MqttProperties properties = props();
        return new MqttPacket.SubAck(packetId, reasonCodes(true), properties);
    }

    private MqttPacket unsubAck() throws MqttProtocolException {
        int packetId = packetId();
        MqttProperties properties = props();
        return new MqttPacket.UnsubAck(packetId, reasonCodes(v5), properties);
    }

    private MqttPacket unsubscribe() throws MqttProtocolException {
        int packetId = packetId();
        MqttProperties properties = props();
        List<String> filters = new ArrayList<>();
        do {
            filters.add(in.string("topic filter"));
        } while (in.hasRemaining());
        return new MqttPacket.Unsubscribe(packetId, filters, properties);
    }

    private MqttPacket auth() throws MqttProtocolException {
        if (!v5) {
            throw in.fail("packet type", "1 to 14 on MQTT 3.1.1 but was 15 (AUTH exists in MQTT 5 only)");
        }
        return new MqttPacket.Auth(optionalReason(), optionalProps());
    }

    private List<Integer> reasonCodes(boolean present) throws MqttProtocolException {
        List<Integer> codes = new ArrayList<>();
        if (present) {
            do {
                codes.add(in.u8("reason code"));
            } while (in.hasRemaining());
        }
        return codes;
    }

    private String topicName(String field) throws MqttProtocolException {
        String topic = in.string(field);
        try {
            Topics.checkName(topic);
        } catch (IllegalArgumentException e) {
            throw in.fail(field, e.getMessage().substring("expected ".length()));
        }
        return topic;
    }

    private int packetId() throws MqttProtocolException {
        int id = in.u16("packet identifier");
        if (id == 0) {
            throw in.fail("packet identifier", "1 to 65535 but was 0");
        }
        return id;
    }

    private MqttProperties props() throws MqttProtocolException {
        return v5 ? PropertyCodec.read(in) : MqttProperties.EMPTY;
    }

    /** MQTT 5 reason code, left out when 0 (section 3.4.2.1); 3.1.1 has none. */
    private int optionalReason() throws MqttProtocolException {
        return v5 && in.hasRemaining() ? in.u8("reason code") : 0;
    }

    private MqttProperties optionalProps() throws MqttProtocolException {
        return v5 && in.hasRemaining() ? PropertyCodec.read(in) : MqttProperties.EMPTY;
    }
}
