package dev.meerkat.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import dev.meerkat.tls.conformance.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A mosquitto broker started by a test on 127.0.0.1 with its own configuration file, plain or TLS
 * (the test PKI's server certificate, client certificates required). Missing mosquitto fails the
 * test when {@code CI=true} and skips it elsewhere.
 */
final class Mosquitto implements AutoCloseable {

    static final Path BROKER = Path.of("/usr/sbin/mosquitto");
    private static final int QUOTED_LOG_CHARS = 4000;

    private final Path dir;
    private final int port;
    private final List<String> config;
    private Process process;

    private Mosquitto(Path dir, int port, List<String> config) {
        this.dir = dir;
        this.port = port;
        this.config = config;
    }

    /** A plain listener; {@code extra} lines go into the configuration file. */
    static Mosquitto plain(Path dir, String... extra) throws Exception {
        return start(dir, List.of(extra));
    }

    /** A TLS listener with the test PKI's server chain; clients must present a certificate of the test CA. */
    static Mosquitto tls(Path dir) throws Exception {
        TestPki pki = TestPki.get();
        return start(dir, List.of("cafile " + pki.caPem(), "certfile " + pki.serverChainPem(),
                "keyfile " + pki.serverKeyPem(), "require_certificate true"));
    }

    /** Adds a password file with {@code user}:{@code password}, via mosquitto_passwd, and turns anonymous access off. */
    static String[] passwordConfig(Path dir, String user, String password) throws Exception {
        Path file = dir.resolve("passwords");
        run(List.of("mosquitto_passwd", "-b", "-c", file.toString(), user, password), dir);
        return new String[] {"allow_anonymous false", "password_file " + file};
    }

    private static Mosquitto start(Path dir, List<String> extra) throws Exception {
        require(BROKER);
        List<String> config = new ArrayList<>(List.of("listener " + freePort() + " 127.0.0.1", "user root",
                "allow_anonymous true", "log_dest file " + dir.resolve("mosquitto.log"), "log_type all", "persistence true",
                "persistence_location " + dir + "/", "autosave_interval 0"));
        if (extra.stream().anyMatch(l -> l.startsWith("allow_anonymous"))) {
            config.remove("allow_anonymous true");
        }
        config.addAll(extra);
        Mosquitto broker = new Mosquitto(dir, Integer.parseInt(config.get(0).split(" ")[1]), config);
        broker.restart();
        return broker;
    }

    int port() {
        return port;
    }

    String url(boolean tls) {
        return (tls ? "mqtts" : "mqtt") + "://127.0.0.1:" + port;
    }

    /** Stops the broker with SIGTERM, which saves its sessions to the persistence file. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    /** Starts (again) on the same port with the same configuration and persistence file. */
    void restart() throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        Files.write(conf, config, StandardCharsets.US_ASCII);
        process = new ProcessBuilder(BROKER.toString(), "-c", conf.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                .start();
        awaitListening();
    }

    String output() {
        try {
            String text = Files.readString(log(), StandardCharsets.ISO_8859_1);
            return text.length() <= QUOTED_LOG_CHARS ? text : "..." + text.substring(text.length() - QUOTED_LOG_CHARS);
        } catch (IOException e) {
            return "(cannot read " + log() + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    @Override
    public String toString() {
        return "mosquitto on port " + port + " (output: " + output() + ")";
    }

    private Path log() {
        return dir.resolve("mosquitto.log");
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("expected mosquitto to listen on port " + port + " but it exited with " + process.exitValue()
                        + "; its output: " + output());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        fail("expected mosquitto to listen on port " + port + " within 20 s; its output: " + output());
    }

    /** The program's path; fails when CI=true and it is missing, skips elsewhere. */
    static Path require(Path program) {
        if (Files.isExecutable(program)) {
            return program;
        }
        String message = "expected " + program + " (Debian packages mosquitto and mosquitto-clients) but it is missing";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: .ci/run installs it)");
        }
        Assumptions.abort(message + "; skipped outside CI");
        return program;
    }

    static String run(List<String> command, Path dir) throws Exception {
        require(Path.of("/usr/bin", command.get(0)));
        Path out = Files.createTempFile(dir, "run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail("expected " + command + " to exit with 0 within 30 s; it said: " + Files.readString(out));
        }
        return Files.readString(out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
