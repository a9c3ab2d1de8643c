package dev.meerkat.cli;

import dev.meerkat.mqtt.MqttClient;
import dev.meerkat.mqtt.MqttMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/** {@code meerkat mqtt pub}: publishes one message (or stdin's lines), like mosquitto_pub. */
@CommandLine.Command(name = "pub", sortOptions = false, description = "Publish a message, like mosquitto_pub.",
        footer = {"", "Exit status: 0 every message was sent (QoS 0) or acknowledged, 1 failure, 2 usage."})
final class MqttPubCommand implements Command {

    /** Publications awaiting their acknowledgement before the next waits: bounds memory at any --repeat. */
    private static final int OUTSTANDING = 1000;

    @CommandLine.Mixin
    private MqttFlags flags;

    @CommandLine.Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "The topic.")
    private String topic;

    @CommandLine.Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "The message.")
    private String message;

    @CommandLine.Option(names = {"-l", "--stdin-line"}, description = "Send each line of stdin as a message.")
    private boolean lines;

    @CommandLine.Option(names = {"-n", "--null-message"}, description = "Send an empty message.")
    private boolean empty;

    @CommandLine.Option(names = {"-q", "--qos"}, paramLabel = "QOS", description = "0 (default), 1 or 2.")
    private int qos;

    @CommandLine.Option(names = {"-r", "--retain"}, description = "Retain the message.")
    private boolean retain;

    @CommandLine.Option(names = "--repeat", paramLabel = "N", converter = PositiveInt.class,
            description = "Send the message N times.")
    private int repeat = 1;

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        if ((message != null ? 1 : 0) + (lines ? 1 : 0) + (empty ? 1 : 0) != 1) {
            throw new UsageException("pub: expected exactly one of -m, -l and -n");
        }
        if (qos < 0 || qos > 2) {
            throw new UsageException("pub: -q expected 0, 1 or 2 but was " + qos);
        }
        return MqttRun.run("pub", flags.options(), m -> { }, err, this::publishAll);
    }

    private void publishAll(MqttClient client) throws Exception {
        Semaphore room = new Semaphore(OUTSTANDING);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        if (lines) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && failure.get() == null; line = in.readLine()) {
                publish(client, line.getBytes(StandardCharsets.UTF_8), room, failure);
            }
        } else {
            byte[] payload = empty ? new byte[0] : message.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < repeat && failure.get() == null; i++) {
                publish(client, payload, room, failure);
            }
        }
        if (!room.tryAcquire(OUTSTANDING, 60, TimeUnit.SECONDS)) {
            throw new IOException("expected every message acknowledged within 60 s but "
                    + (OUTSTANDING - room.availablePermits()) + " were not");
        }
        if (failure.get() != null) {
            throw new IOException(failure.get().getMessage(), failure.get());
        }
    }

    private void publish(MqttClient client, byte[] payload, Semaphore room, AtomicReference<Throwable> failure)
            throws InterruptedException, IOException {
        if (!room.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new IOException("expected room for another message within 60 s but none was acknowledged");
        }
        client.publish(new MqttMessage(topic, payload, qos, retain)).whenComplete((ok, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
            room.release();
        });
    }
}
