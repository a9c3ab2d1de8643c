package dev.meerkat.cli;

import dev.meerkat.mqtt.MqttClient;
import dev.meerkat.mqtt.MqttClientOptions;
import dev.meerkat.mqtt.MqttListener;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** One MQTT client on its own loop for {@code meerkat mqtt pub|sub}: connect, act, disconnect, say what failed. */
final class MqttRun {

    /** What the subcommand does once connected; on the command's thread. */
    interface Action {
        void run(MqttClient client) throws Exception;
    }

    private MqttRun() {
    }

    static int run(String name, MqttClientOptions.Builder options, MqttListener listener, PrintStream err, Action action) {
        try (LoopThread loop = new LoopThread("meerkat-mqtt-" + name)) {
            MqttClient client = new MqttClient(loop.manager(), options.build(), listener);
            await(client.connect());
            action.run(client);
            await(client.disconnect());
            return Main.SUCCESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        } catch (Exception e) {
            err.println("meerkat mqtt " + name + ": " + e.getMessage());
            return Main.FAILURE;
        }
    }

    /** The future's value within 30 s; its failure's cause as thrown. */
    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
