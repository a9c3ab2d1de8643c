package dev.meerkat.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.LoopThread;
import dev.meerkat.Manager;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's MQTT example, as written there but for the broker's port and the printing. */
class ReadmeExampleTest {

    @Test
    void readmeExampleSubscribesAndReceives(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<String> printed = new LinkedBlockingQueue<>();
        try (Mosquitto broker = Mosquitto.plain(dir); LoopThread loop = new LoopThread()) {
            Manager mgr = loop.manager;
            MqttClient client = new MqttClient(mgr, MqttClientOptions.builder(broker.url(false)).version(MqttVersion.V5).build(),
                    message -> printed.add(message.topic() + " " + message.payloadText()));
            client.connect().get();
            client.subscribe(new Subscription("sensors/+/temp", 1)).get();
            client.publish(MqttMessage.text("sensors/kitchen/temp", "21.5", 1)).get();
            assertThat(printed.poll(10, TimeUnit.SECONDS)).isEqualTo("sensors/kitchen/temp 21.5");
        }
    }
}
