package dev.meerkat.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.LoopThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against a real mosquitto on 127.0.0.1, on both protocol versions. */
class MosquittoClientTest {

    @TempDir
    Path dir;
    private final LoopThread loop = new LoopThread();

    @AfterEach
    void stopLoop() {
        loop.close();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void publishesAndReceivesAtEveryQos(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir)) {
            Inbox inbox = new Inbox();
            MqttClient client = connected(broker, version, inbox);
            await(client.subscribe(new Subscription("q/#", 2)));
            for (int qos = 0; qos <= 2; qos++) {
                await(client.publish(MqttMessage.text("q/" + qos, "at qos " + qos, qos)));
            }
            for (int qos = 0; qos <= 2; qos++) {
                MqttMessage m = inbox.next();
                assertThat(m.topic()).as(broker.toString()).isEqualTo("q/" + qos);
                assertThat(m.payloadText()).isEqualTo("at qos " + qos);
                assertThat(m.qos()).isEqualTo(qos);
            }
            await(client.disconnect());
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void matchesWildcardsAndStopsAfterUnsubscribe(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir)) {
            Inbox inbox = new Inbox();
            MqttClient client = connected(broker, version, inbox);
            await(client.subscribe(new Subscription("sensors/+/temp", 1), new Subscription("alarms/#", 1)));
            for (String topic : List.of("sensors/kitchen/temp", "sensors/kitchen/humidity", "alarms", "alarms/a/b")) {
                await(client.publish(MqttMessage.text(topic, topic, 1)));
            }
            assertThat(inbox.nextPayloads(3)).containsExactly("sensors/kitchen/temp", "alarms", "alarms/a/b");
            await(client.unsubscribe("alarms/#"));
            await(client.publish(MqttMessage.text("alarms/x", "after", 1)));
            await(client.publish(MqttMessage.text("sensors/hall/temp", "still", 1)));
            assertThat(inbox.next().payloadText()).isEqualTo("still");
            await(client.disconnect());
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aNewSubscriberGetsTheRetainedMessage(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir)) {
            MqttClient publisher = connected(broker, version, new Inbox());
            await(publisher.publish(new MqttMessage("status/door", "open".getBytes(), 1, true)));
            Inbox inbox = new Inbox();
            MqttClient late = connected(broker, version, inbox);
            await(late.subscribe(new Subscription("status/#", 1)));
            MqttMessage m = inbox.next();
            assertThat(m.payloadText()).isEqualTo("open");
            assertThat(m.retain()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void theBrokerPublishesTheWillWhenTheClientVanishes(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir)) {
            Inbox watcher = new Inbox();
            MqttClient watching = connected(broker, version, watcher);
            await(watching.subscribe(new Subscription("wills/#", 1)));
            MqttClient mortal = new MqttClient(loop.manager, options(broker, version)
                    .will(MqttMessage.text("wills/mortal", "gone", 1)).build(), new Inbox());
            await(mortal.connect());
            mortal.abort();
            MqttMessage will = watcher.next();
            assertThat(will.topic()).isEqualTo("wills/mortal");
            assertThat(will.payloadText()).isEqualTo("gone");
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void connectsWithUserNameAndPasswordAndNamesTheRefusal(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir, Mosquitto.passwordConfig(dir, "meerkat", "s3cret"))) {
            await(new MqttClient(loop.manager, options(broker, version).username("meerkat")
                    .password("s3cret".getBytes()).build(), new Inbox()).connect());
            CompletableFuture<?> refused = new MqttClient(loop.manager, options(broker, version).username("meerkat")
                    .password("wrong".getBytes()).build(), new Inbox()).connect();
            assertThatThrownBy(() -> await(refused)).hasCauseInstanceOf(MqttException.class)
                    .hasMessageContaining("the broker refused the connection: 0x")
                    .hasMessageContaining(version == MqttVersion.V5 ? "0x87 Not authorized" : "0x05 not authorized");
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void keepAlivePingsHoldAnIdleConnection(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir)) {
            Inbox inbox = new Inbox();
            MqttClient client = new MqttClient(loop.manager, options(broker, version).keepAlive(Duration.ofSeconds(1))
                    .build(), inbox);
            await(client.connect());
            // mosquitto drops a client silent for 1.5 keep-alive intervals; only pings can keep this one.
            assertThat(inbox.losses.poll(3500, TimeUnit.MILLISECONDS)).as(broker.toString()).isNull();
            assertThat(broker.output()).contains("PINGREQ");
            assertThat(inbox.connects.get()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aPersistentSessionKeepsMessagesWhileTheClientIsAway(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir)) {
            MqttClientOptions away = options(broker, version).clientId("persistent-" + version).cleanStart(false)
                    .sessionExpirySeconds(300).build();
            MqttClient first = new MqttClient(loop.manager, away, new Inbox());
            await(first.connect());
            await(first.subscribe(new Subscription("mail/#", 1)));
            await(first.disconnect());
            MqttClient sender = connected(broker, version, new Inbox());
            await(sender.publish(MqttMessage.text("mail/box", "while away", 1)));
            Inbox inbox = new Inbox();
            MqttClient back = new MqttClient(loop.manager, away, inbox);
            assertThat(await(back.connect()).sessionPresent()).isTrue();
            assertThat(inbox.next().payloadText()).isEqualTo("while away");
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aCleanSessionStartsEmpty(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir)) {
            MqttClientOptions clean = options(broker, version).clientId("clean-" + version).build();
            MqttClient first = new MqttClient(loop.manager, clean, new Inbox());
            await(first.connect());
            await(first.subscribe(new Subscription("mail/#", 1)));
            await(first.disconnect());
            assertThat(await(new MqttClient(loop.manager, clean, new Inbox()).connect()).sessionPresent()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void reconnectsAfterTheBrokerRestartsAndDeliversWhatWaited(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir)) {
            Inbox inbox = new Inbox();
            MqttClient receiver = new MqttClient(loop.manager, options(broker, version).clientId("receiver")
                    .cleanStart(false).sessionExpirySeconds(300).backoff(Duration.ofMillis(100), Duration.ofMillis(400))
                    .build(), inbox);
            await(receiver.connect());
            await(receiver.subscribe(new Subscription("work/#", 1)));
            Inbox senderInbox = new Inbox();
            MqttClient sender = new MqttClient(loop.manager, options(broker, version)
                    .backoff(Duration.ofMillis(100), Duration.ofMillis(400)).build(), senderInbox);
            await(sender.connect());
            broker.stop();
            assertThat(senderInbox.losses.poll(10, TimeUnit.SECONDS)).as("the sender saw the loss").isNotNull();
            List<CompletableFuture<Void>> sent = List.of(sender.publish(MqttMessage.text("work/1", "one", 1)),
                    sender.publish(MqttMessage.text("work/2", "two", 2)));
            broker.restart();
            for (CompletableFuture<Void> f : sent) {
                await(f);
            }
            assertThat(inbox.nextPayloads(2)).as(broker.toString()).containsExactly("one", "two");
            assertThat(inbox.connects.get()).isEqualTo(2);
        }
    }

    @Test
    void theVersion5BrokerAnswersWithPropertiesAndReasonCodes() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("acl"), "topic readwrite p/#\n");
        try (Mosquitto broker = Mosquitto.plain(dir, "max_inflight_messages 5", "acl_file " + dir.resolve("acl"))) {
            Inbox inbox = new Inbox();
            MqttClient client = new MqttClient(loop.manager, options(broker, MqttVersion.V5).build(), inbox);
            MqttPacket.ConnAck ack = await(client.connect());
            assertThat(ack.properties().number(MqttProperties.RECEIVE_MAXIMUM, -1)).isEqualTo(5);
            await(client.subscribe(new Subscription("p/#", 1)));
            MqttProperties properties = MqttProperties.EMPTY.with(MqttProperties.CONTENT_TYPE, "text/plain")
                    .withUser("trace", "abc");
            await(client.publish(new MqttMessage("p/1", "x".getBytes(), 1, false, properties)));
            assertThat(inbox.next().properties()).isEqualTo(properties);
            assertThatThrownBy(() -> await(client.publish(MqttMessage.text("secret/x", "no", 1))))
                    .hasMessageContaining("PUBACK 3 refused the publication to secret/x: 0x87 Not authorized");
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void manyQos1And2MessagesPassThroughASmallWindow(MqttVersion version) throws Exception {
        try (Mosquitto broker = Mosquitto.plain(dir)) {
            Inbox inbox = new Inbox();
            MqttClient client = new MqttClient(loop.manager, options(broker, version).maxInflight(3).build(), inbox);
            await(client.connect());
            await(client.subscribe(new Subscription("w/#", 2)));
            CompletableFuture<?>[] all = new CompletableFuture<?>[200];
            for (int i = 0; i < all.length; i++) {
                all[i] = client.publish(MqttMessage.text("w/" + i, "m" + i, 1 + i % 2));
            }
            await(CompletableFuture.allOf(all));
            // Order holds within one QoS only (MQTT 5.0 section 4.6); mosquitto forwards QoS 2 on PUBREL.
            assertThat(inbox.nextPayloads(all.length)).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(0, all.length).mapToObj(i -> "m" + i).toList());
        }
    }

    private MqttClient connected(Mosquitto broker, MqttVersion version, Inbox inbox) throws Exception {
        MqttClient client = new MqttClient(loop.manager, options(broker, version).build(), inbox);
        await(client.connect());
        return client;
    }

    private static MqttClientOptions.Builder options(Mosquitto broker, MqttVersion version) {
        return MqttClientOptions.builder(broker.url(false)).version(version);
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e;
        }
    }
}
