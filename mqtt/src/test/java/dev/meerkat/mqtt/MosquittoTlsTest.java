package dev.meerkat.mqtt;

import static dev.meerkat.mqtt.MosquittoClientTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.LoopThread;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.conformance.TestPki;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client over TLS to mosquitto with every provider, presenting a client certificate mosquitto requires. */
class MosquittoTlsTest {

    @TempDir
    Path dir;
    private final LoopThread loop = new LoopThread();

    @AfterEach
    void stopLoop() {
        loop.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "bc", "openssl", "openssl-jna"})
    void publishesAndReceivesOverTlsWithAClientCertificate(String provider) throws Exception {
        try (Mosquitto broker = Mosquitto.tls(dir)) {
            Inbox inbox = new Inbox();
            MqttClient client = new MqttClient(loop.manager, options(broker, provider,
                    TestPki.get().clientConfig().keyMaterial(TestPki.get().client())), inbox);
            assertThat(await(client.connect()).reasonCode()).as(broker.toString()).isZero();
            await(client.subscribe(new Subscription("tls/#", 1)));
            await(client.publish(MqttMessage.text("tls/" + provider, "over " + provider, 1)));
            assertThat(inbox.next().payloadText()).isEqualTo("over " + provider);
            await(client.disconnect());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "bc", "openssl", "openssl-jna"})
    void failsWithoutTheClientCertificateMosquittoRequires(String provider) throws Exception {
        try (Mosquitto broker = Mosquitto.tls(dir)) {
            MqttClient client = new MqttClient(loop.manager, options(broker, provider, TestPki.get().clientConfig()),
                    new Inbox());
            assertThatThrownBy(() -> await(client.connect())).as(broker.toString())
                    .hasMessageContaining("the MQTT client of " + broker.url(true) + " stopped");
        }
    }

    private static MqttClientOptions options(Mosquitto broker, String provider, TlsConfig.Builder tls) throws Exception {
        return MqttClientOptions.builder(broker.url(true)).version(MqttVersion.V5)
                .connection(Options.defaults().withTls(TlsProviders.newContext(provider, tls.build()))).build();
    }
}
