package dev.meerkat.mqtt;

import static dev.meerkat.mqtt.MosquittoClientTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.LoopThread;
import dev.meerkat.mqtt.MqttPacket.PubAck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flows against {@link FakeBroker}: what the client resends after a lost connection, refusals, garbage. */
class MqttClientFlowTest {

    private final LoopThread loop = new LoopThread();

    @AfterEach
    void stopLoop() {
        loop.close();
    }

    @Test
    void resendsInFlightPublishWithDupAndPubrelAfterReconnecting() throws Exception {
        FakeBroker broker = loop.call(() -> new FakeBroker(loop.manager, (peer, p) -> {
            if (FakeBroker.accept(peer, p)) {
                return;
            }
            if (peer.number() == 1) {
                // The first connection takes the QoS 2 message as far as PUBREL, acknowledges nothing else, then dies.
                if (p instanceof MqttPacket.Publish pub && pub.message().qos() == 2) {
                    peer.send(new PubAck(PubAck.Kind.PUBREC, pub.packetId(), 0, MqttProperties.EMPTY));
                } else if (p instanceof PubAck rel && rel.kind() == PubAck.Kind.PUBREL) {
                    peer.connection().close();
                }
            } else if (p instanceof MqttPacket.Publish pub) {
                peer.send(new PubAck(PubAck.Kind.PUBACK, pub.packetId(), 0, MqttProperties.EMPTY));
            } else if (p instanceof PubAck rel) {
                peer.send(new PubAck(PubAck.Kind.PUBCOMP, rel.packetId(), 0, MqttProperties.EMPTY));
            }
        }));
        Inbox inbox = new Inbox();
        MqttClient client = new MqttClient(loop.manager, MqttClientOptions.builder(broker.url()).version(MqttVersion.V5)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(50)).build(), inbox);
        await(client.connect());
        MqttMessage one = MqttMessage.text("t/1", "one", 1);
        CompletableFuture<Void> first = client.publish(one);
        CompletableFuture<Void> second = client.publish(MqttMessage.text("t/2", "two", 2));
        await(first);
        await(second);
        assertThat(inbox.losses.poll(1, TimeUnit.SECONDS)).isNotNull();
        List<MqttPacket> resent = broker.received.stream().filter(r -> r.connection() == 2)
                .map(FakeBroker.Received::packet).filter(p -> !(p instanceof MqttPacket.Connect)).toList();
        assertThat(resent).containsExactly(new MqttPacket.Publish(1, true, one),
                new PubAck(PubAck.Kind.PUBREL, 2, 0, MqttProperties.EMPTY));
    }

    @Test
    void deliversAQos2MessageOnceWhenTheBrokerResendsItBeforePubrel() throws Exception {
        MqttMessage m = MqttMessage.text("once", "exactly", 2);
        FakeBroker broker = loop.call(() -> new FakeBroker(loop.manager, (peer, p) -> {
            if (FakeBroker.accept(peer, p)) {
                peer.send(new MqttPacket.Publish(7, false, m));
                peer.send(new MqttPacket.Publish(7, true, m));
                peer.send(new PubAck(PubAck.Kind.PUBREL, 7, 0, MqttProperties.EMPTY));
                peer.send(new MqttPacket.Publish(7, false, MqttMessage.text("once", "next", 2)));
            }
        }));
        Inbox inbox = new Inbox();
        await(new MqttClient(loop.manager, MqttClientOptions.builder(broker.url()).version(MqttVersion.V5).build(), inbox)
                .connect());
        assertThat(inbox.nextPayloads(2)).containsExactly("exactly", "next");
        PubAck pubcomp = new PubAck(PubAck.Kind.PUBCOMP, 7, 0, MqttProperties.EMPTY);
        broker.awaitReceived(1, pubcomp::equals, "PUBCOMP 7");
        assertThat(broker.received).extracting(FakeBroker.Received::packet)
                .contains(new PubAck(PubAck.Kind.PUBREC, 7, 0, MqttProperties.EMPTY));
    }

    @Test
    void failsASubscribeTheBrokerRefusesWithItsReasonCode() throws Exception {
        FakeBroker broker = loop.call(() -> new FakeBroker(loop.manager, (peer, p) -> {
            if (p instanceof MqttPacket.Subscribe s) {
                peer.send(new MqttPacket.SubAck(s.packetId(), List.of(1, 0x8F), MqttProperties.EMPTY));
            } else {
                FakeBroker.accept(peer, p);
            }
        }));
        MqttClient client = new MqttClient(loop.manager, MqttClientOptions.builder(broker.url()).version(MqttVersion.V5)
                .build(), new Inbox());
        await(client.connect());
        assertThatThrownBy(() -> await(client.subscribe(new Subscription("a", 1), new Subscription("b/#", 1))))
                .hasCauseInstanceOf(MqttException.class)
                .hasMessageContaining("SUBSCRIBE 1 was refused: 0x8F Topic Filter invalid (reason codes [1, 143])");
    }

    @Test
    void closesOnAMalformedPacketFromTheBrokerAndSaysWhy() throws Exception {
        FakeBroker broker = loop.call(() -> new FakeBroker(loop.manager, (peer, p) -> {
            if (p instanceof MqttPacket.Connect) {
                peer.connection().send(new byte[] {0x20, 0x02, 0x02, 0x00}); // CONNACK with a reserved flag set
            }
        }));
        MqttClient client = new MqttClient(loop.manager, MqttClientOptions.builder(broker.url()).build(), new Inbox());
        assertThatThrownBy(() -> await(client.connect())).hasMessageContaining("malformed packet from the broker: "
                + "packet 1 (CONNACK) connect acknowledge flags: expected bits 7 to 1 clear but were 0x2");
    }

    @Test
    void resubscribesWhenTheBrokerLostTheSession() throws Exception {
        FakeBroker broker = loop.call(() -> new FakeBroker(loop.manager, (peer, p) -> {
            if (p instanceof MqttPacket.Connect) {
                peer.send(new MqttPacket.ConnAck(false, 0, MqttProperties.EMPTY));
            } else if (p instanceof MqttPacket.Subscribe s) {
                peer.send(new MqttPacket.SubAck(s.packetId(), List.of(1), MqttProperties.EMPTY));
                if (peer.number() == 1) {
                    peer.connection().closeAfterFlush();
                }
            }
        }));
        MqttClient client = new MqttClient(loop.manager, MqttClientOptions.builder(broker.url()).version(MqttVersion.V5)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(50)).build(), new Inbox());
        await(client.connect());
        await(client.subscribe(new Subscription("keep/#", 1)));
        broker.awaitReceived(2, p -> p instanceof MqttPacket.Subscribe, "a SUBSCRIBE");
        assertThat(broker.received).filteredOn(r -> r.connection() == 2).extracting(FakeBroker.Received::packet)
                .filteredOn(p -> p instanceof MqttPacket.Subscribe)
                .singleElement().extracting(p -> ((MqttPacket.Subscribe) p).subscriptions())
                .isEqualTo(List.of(new Subscription("keep/#", 1)));
    }
}
