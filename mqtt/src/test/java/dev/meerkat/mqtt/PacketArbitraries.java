package dev.meerkat.mqtt;

import dev.meerkat.mqtt.MqttPacket.PubAck;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random valid packets of one version: on 3.1.1 without properties, reason codes or AUTH. */
final class PacketArbitraries {

    private final MqttVersion version;
    private final boolean v5;

    PacketArbitraries(MqttVersion version) {
        this.version = version;
        this.v5 = version == MqttVersion.V5;
    }

    Arbitrary<MqttPacket> packets() {
        List<Arbitrary<? extends MqttPacket>> choices = new java.util.ArrayList<>(List.of(publish(), pubAck(), connect(),
                connAck(), subscribe(), subAck(), unsubscribe(), unsubAck(), disconnect(),
                Arbitraries.just(new MqttPacket.PingReq()), Arbitraries.just(new MqttPacket.PingResp())));
        if (v5) {
            choices.add(reason().flatMap(r -> properties().map(p -> new MqttPacket.Auth(r, p))));
        }
        return Arbitraries.oneOf(choices);
    }

    private Arbitrary<MqttPacket> publish() {
        return Combinators.combine(message(), Arbitraries.integers().between(1, 65535), Arbitraries.of(true, false))
                .as((m, id, dup) -> new MqttPacket.Publish(m.qos() == 0 ? 0 : id, m.qos() > 0 && dup, m));
    }

    Arbitrary<MqttMessage> message() {
        return Combinators.combine(topic(), Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false), properties())
                .as(MqttMessage::new);
    }

    private Arbitrary<MqttPacket> pubAck() {
        return Combinators.combine(Arbitraries.of(PubAck.Kind.class), packetId(), reason(), properties())
                .as(PubAck::new);
    }

    private Arbitrary<MqttPacket> connect() {
        Arbitrary<String> user = Arbitraries.strings().alpha().ofMaxLength(10).injectNull(0.3);
        Arbitrary<byte[]> password = Arbitraries.bytes().array(byte[].class).ofMaxSize(10).injectNull(0.3);
        return Combinators.combine(Arbitraries.strings().alpha().numeric().ofMaxLength(23), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 65535), user, password, message().injectNull(0.5), properties())
                .as((id, clean, keepAlive, u, p, will, props) -> new MqttPacket.Connect(version, id, clean, keepAlive,
                        u, p, will, props));
    }

    private Arbitrary<MqttPacket> connAck() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 255), properties())
                .as(MqttPacket.ConnAck::new);
    }

    private Arbitrary<MqttPacket> subscribe() {
        Arbitrary<Subscription> one = Combinators.combine(filter(), Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(0, 2))
                .as((f, q, nl, rap, rh) -> v5 ? new Subscription(f, q, nl, rap, rh) : new Subscription(f, q));
        return Combinators.combine(packetId(), one.list().ofMinSize(1).ofMaxSize(4), properties())
                .as(MqttPacket.Subscribe::new);
    }

    private Arbitrary<MqttPacket> subAck() {
        return Combinators.combine(packetId(), codes(), properties()).as(MqttPacket.SubAck::new);
    }

    private Arbitrary<MqttPacket> unsubscribe() {
        return Combinators.combine(packetId(), filter().list().ofMinSize(1).ofMaxSize(4), properties())
                .as(MqttPacket.Unsubscribe::new);
    }

    private Arbitrary<MqttPacket> unsubAck() {
        return Combinators.combine(packetId(), v5 ? codes() : Arbitraries.just(List.of()), properties())
                .as(MqttPacket.UnsubAck::new);
    }

    private Arbitrary<MqttPacket> disconnect() {
        return Combinators.combine(reason(), properties()).as(MqttPacket.Disconnect::new);
    }

    private Arbitrary<List<Integer>> codes() {
        return Arbitraries.integers().between(0, 255).list().ofMinSize(1).ofMaxSize(4);
    }

    private Arbitrary<Integer> reason() {
        return v5 ? Arbitraries.of(0, 0x10, 0x80, 0x87, 0x91, 0x97) : Arbitraries.just(0);
    }

    private Arbitrary<Integer> packetId() {
        return Arbitraries.integers().between(1, 65535);
    }

    private Arbitrary<String> topic() {
        return Arbitraries.of("a", "a/b", "sensors/kitchen/temp", "$SYS/x", "/", "ünïcode/✓");
    }

    private Arbitrary<String> filter() {
        return Arbitraries.of("a/#", "+/b", "#", "sensors/+/temp", "a/b", "+");
    }

    Arbitrary<MqttProperties> properties() {
        if (!v5) {
            return Arbitraries.just(MqttProperties.EMPTY);
        }
        Arbitrary<MqttProperties> one = Arbitraries.of(
                MqttProperties.EMPTY.with(MqttProperties.MESSAGE_EXPIRY_INTERVAL, 0xFFFFFFFFL),
                MqttProperties.EMPTY.with(MqttProperties.CONTENT_TYPE, "text/plain"),
                MqttProperties.EMPTY.with(MqttProperties.CORRELATION_DATA, new byte[] {1, 2, 3}),
                MqttProperties.EMPTY.withUser("k", "v").withUser("k", "w"),
                MqttProperties.EMPTY.with(MqttProperties.SUBSCRIPTION_IDENTIFIER, 268_435_455L),
                MqttProperties.EMPTY.with(MqttProperties.RECEIVE_MAXIMUM, 10L).with(MqttProperties.MAXIMUM_QOS, 1L));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(MqttProperties.EMPTY)), net.jqwik.api.Tuple.of(2, one));
    }
}
