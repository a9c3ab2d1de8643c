/**
 * An MQTT 3.1.1 and 5.0 client on a {@link dev.meerkat.Manager}'s loop, built on the core's public
 * API only. An {@link dev.meerkat.mqtt.MqttClient} connects to the broker that its
 * {@link dev.meerkat.mqtt.MqttClientOptions} name ({@code mqtt://} or {@code mqtts://}, the TLS
 * context coming from the core's options), publishes {@link dev.meerkat.mqtt.MqttMessage}s at QoS 0,
 * 1 and 2, and hands what arrives on its {@link dev.meerkat.mqtt.Subscription}s to an
 * {@link dev.meerkat.mqtt.MqttListener}; it reconnects with backoff and resends what was in flight.
 * A refusal fails the operation's future with an {@link dev.meerkat.mqtt.MqttException} carrying
 * the broker's reason code. {@link dev.meerkat.mqtt.MqttParser} and
 * {@link dev.meerkat.mqtt.MqttEncoder} convert {@link dev.meerkat.mqtt.MqttPacket}s to and from bytes
 * for whoever needs the codec alone.
 *
 * <pre>{@code
 * MqttClient client = new MqttClient(manager, MqttClientOptions.builder("mqtts://127.0.0.1").build(),
 *         m -> System.out.println(m.topic() + " " + m.payloadText()));
 * client.connect().get();
 * client.subscribe(new Subscription("sensors/#", 1)).get();
 * }</pre>
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.meerkat.mqtt;

import org.jspecify.annotations.NullMarked;
