package dev.meerkat.cli;

import dev.meerkat.mqtt.MqttClient;
import dev.meerkat.mqtt.MqttListener;
import dev.meerkat.mqtt.MqttMessage;
import dev.meerkat.mqtt.Subscription;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;

/** {@code meerkat mqtt sub}: prints the messages of its subscriptions, one a line, like mosquitto_sub. */
@CommandLine.Command(name = "sub", sortOptions = false, description = "Subscribe and print messages, like mosquitto_sub.",
        footer = {"", "Exit status: 0 after -C messages (or on interrupt), 1 failure, 2 usage, 27 -W timed out."})
final class MqttSubCommand implements Command {

    /** mosquitto_sub's status when -W ran out. */
    static final int TIMED_OUT = 27;

    @CommandLine.Mixin
    private MqttFlags flags;

    @CommandLine.Option(names = {"-t", "--topic"}, required = true, paramLabel = "FILTER",
            description = "A topic filter; + and # are wildcards. Repeat for more.")
    private List<String> filters;

    @CommandLine.Option(names = {"-q", "--qos"}, paramLabel = "QOS", description = "0 (default), 1 or 2.")
    private int qos;

    @CommandLine.Option(names = {"-C", "--count"}, paramLabel = "N", converter = PositiveInt.class,
            description = "Exit after N messages.")
    private int count = Integer.MAX_VALUE;

    @CommandLine.Option(names = {"-v", "--verbose"}, description = "Print the topic before each message.")
    private boolean verbose;

    @CommandLine.Option(names = {"-W", "--timeout"}, paramLabel = "SECONDS", converter = PositiveInt.class,
            description = "Exit with 27 after this many seconds.")
    private int timeout;

    @CommandLine.Option(names = {"-c", "--disable-clean-session"},
            description = "A persistent session: the broker keeps messages while this client is away (needs -i).")
    private boolean persistent;

    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicLong received = new AtomicLong();
    private boolean timedOut;
    private volatile Throwable lost;

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        if (qos < 0 || qos > 2) {
            throw new UsageException("sub: -q expected 0, 1 or 2 but was " + qos);
        }
        MqttListener listener = new MqttListener() {
            @Override
            public void message(MqttMessage message) {
                print(message, out);
            }

            @Override
            public void connectionLost(Throwable cause) {
                lost = cause;
                done.countDown();
            }
        };
        int status = MqttRun.run("sub", flags.options().cleanStart(!persistent).sessionExpirySeconds(persistent ? 3600 : 0),
                listener, err, this::receive);
        return status == Main.SUCCESS && timedOut ? TIMED_OUT : status;
    }

    private void receive(MqttClient client) throws Exception {
        Subscription[] subscriptions = filters.stream().map(f -> new Subscription(f, qos)).toArray(Subscription[]::new);
        MqttRun.await(client.subscribe(subscriptions));
        if (timeout > 0) {
            timedOut = !done.await(timeout, TimeUnit.SECONDS);
        } else {
            done.await();
        }
        if (lost != null) {
            throw new IOException("the connection was lost after " + received.get() + " messages: " + lost.getMessage(), lost);
        }
    }

    private void print(MqttMessage m, PrintStream out) {
        if (received.get() >= count) {
            return;
        }
        if (verbose) {
            out.print(m.topic() + " ");
        }
        out.write(m.payload(), 0, m.payload().length);
        out.write('\n');
        if (received.incrementAndGet() == count) {
            out.flush();
            done.countDown();
        }
    }
}
