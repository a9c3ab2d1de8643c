package dev.meerkat.mqtt;

import dev.meerkat.mqtt.MqttPacket.Auth;
import dev.meerkat.mqtt.MqttPacket.ConnAck;
import dev.meerkat.mqtt.MqttPacket.Connect;
import dev.meerkat.mqtt.MqttPacket.Disconnect;
import dev.meerkat.mqtt.MqttPacket.PingReq;
import dev.meerkat.mqtt.MqttPacket.PingResp;
import dev.meerkat.mqtt.MqttPacket.PubAck;
import dev.meerkat.mqtt.MqttPacket.Publish;
import dev.meerkat.mqtt.MqttPacket.SubAck;
import dev.meerkat.mqtt.MqttPacket.Subscribe;
import dev.meerkat.mqtt.MqttPacket.UnsubAck;
import dev.meerkat.mqtt.MqttPacket.Unsubscribe;
import java.util.List;

/** Writes packets as bytes: fixed header (type, flags, remaining length), then the body (chapter 3). */
public final class MqttEncoder {

    private MqttEncoder() {
    }

    /**
     * The bytes of {@code packet} in {@code version}; properties are left out on 3.1.1. It does not
     * check what the broker accepts (packet size, Receive Maximum): that is the client's part.
     *
     * @param packet any packet, either direction (a broker's too, for tests)
     * @param version the protocol version the connection speaks
     * @return the whole packet, fixed header included
     */
    public static byte[] encode(MqttPacket packet, MqttVersion version) {
        boolean v5 = version == MqttVersion.V5;
        PacketWriter body = new PacketWriter();
        int first = body(body, packet, v5);
        return new PacketWriter().u8(first).varInt(body.size()).raw(body.toByteArray()).toByteArray();
    }

    /** Writes the body; returns the first byte of the fixed header (type and flags). */
    private static int body(PacketWriter body, MqttPacket packet, boolean v5) {
        if (packet instanceof Publish p) {
            return publish(body, p, v5);
        } else if (packet instanceof PubAck a) {
            return pubAck(body, a, v5);
        } else if (packet instanceof Connect c) {
            return connect(body, c);
        } else if (packet instanceof ConnAck a) {
            return connAck(body, a, v5);
        } else if (packet instanceof Subscribe s) {
            return subscribe(body, s, v5);
        } else if (packet instanceof SubAck a) {
            return acks(body, 0x90, a.packetId(), a.properties(), a.reasonCodes(), v5, true);
        } else if (packet instanceof Unsubscribe u) {
            return unsubscribe(body, u, v5);
        } else if (packet instanceof UnsubAck a) {
            return acks(body, 0xB0, a.packetId(), a.properties(), a.reasonCodes(), v5, v5);
        } else if (packet instanceof PingReq) {
            return 0xC0;
        } else if (packet instanceof PingResp) {
            return 0xD0;
        } else if (packet instanceof Disconnect d) {
            return v5 ? reason(body, 0xE0, d.reasonCode(), d.properties()) : 0xE0;
        }
        return auth(body, (Auth) packet, v5);
    }

    private static int connect(PacketWriter out, Connect c) {
        boolean v5 = c.version() == MqttVersion.V5;
        MqttMessage will = c.will();
        int flags = (c.username() != null ? 0x80 : 0) | (c.password() != null ? 0x40 : 0) | (c.cleanStart() ? 0x02 : 0)
                | (will == null ? 0 : 0x04 | will.qos() << 3 | (will.retain() ? 0x20 : 0));
        out.string("MQTT").u8(c.version().level()).u8(flags).u16(c.keepAliveSeconds());
        properties(out, c.properties(), v5);
        out.string(c.clientId());
        if (will != null) {
            properties(out, will.properties(), v5);
            out.string(will.topic()).binary(will.payload());
        }
        if (c.username() != null) {
            out.string(c.username());
        }
        if (c.password() != null) {
            out.binary(c.password());
        }
        return 0x10;
    }

    private static int connAck(PacketWriter out, ConnAck a, boolean v5) {
        out.u8(a.sessionPresent() ? 1 : 0).u8(a.reasonCode());
        properties(out, a.properties(), v5);
        return 0x20;
    }

    private static int publish(PacketWriter out, Publish p, boolean v5) {
        MqttMessage m = p.message();
        out.string(m.topic());
        if (m.qos() > 0) {
            out.u16(p.packetId());
        }
        properties(out, m.properties(), v5);
        out.raw(m.payload());
        return 0x30 | (p.dup() ? 0x08 : 0) | m.qos() << 1 | (m.retain() ? 1 : 0);
    }

    /** Section 3.4.2.1: the reason code and properties may be left out when the code is 0 and there are none. */
    private static int pubAck(PacketWriter out, PubAck a, boolean v5) {
        out.u16(a.packetId());
        int first = a.kind().type << 4 | (a.kind() == PubAck.Kind.PUBREL ? 0x02 : 0);
        return v5 ? reason(out, first, a.reasonCode(), a.properties()) : first;
    }

    private static int reason(PacketWriter out, int first, int reasonCode, MqttProperties properties) {
        if (reasonCode != 0 || !properties.isEmpty()) {
            out.u8(reasonCode);
        }
        if (!properties.isEmpty()) {
            PropertyCodec.write(out, properties);
        }
        return first;
    }

    private static int subscribe(PacketWriter out, Subscribe s, boolean v5) {
        out.u16(s.packetId());
        properties(out, s.properties(), v5);
        for (Subscription sub : s.subscriptions()) {
            out.string(sub.filter()).u8(v5 ? sub.optionsByte() : sub.qos());
        }
        return 0x82;
    }

    private static int unsubscribe(PacketWriter out, Unsubscribe u, boolean v5) {
        out.u16(u.packetId());
        properties(out, u.properties(), v5);
        u.filters().forEach(out::string);
        return 0xA2;
    }

    private static int acks(PacketWriter out, int first, int packetId, MqttProperties properties,
                            List<Integer> codes, boolean v5, boolean withCodes) {
        out.u16(packetId);
        properties(out, properties, v5);
        if (withCodes) {
            codes.forEach(out::u8);
        }
        return first;
    }

    private static int auth(PacketWriter out, Auth a, boolean v5) {
        if (!v5) {
            throw new IllegalArgumentException("AUTH exists in MQTT 5 only, not in " + MqttVersion.V3_1_1);
        }
        return reason(out, 0xF0, a.reasonCode(), a.properties());
    }

    private static void properties(PacketWriter out, MqttProperties properties, boolean v5) {
        if (v5) {
            PropertyCodec.write(out, properties);
        }
    }
}
