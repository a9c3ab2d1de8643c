package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meerkat mqtt pub|sub} against mosquitto, with mosquitto_pub and mosquitto_sub on the other
 * side. Retained messages make the order of publisher and subscriber irrelevant, so no test races.
 */
class MqttCommandTest {

    private static final Path SYSTEM_MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    @TempDir
    Path dir;

    @Test
    void pubPublishesWhatMosquittoSubReceives() throws Exception {
        int port = freePort();
        try (RealPeerProcess broker = broker(port, List.of())) {
            CommandRun pub = CommandRun.of("mqtt", "pub", "-h", "127.0.0.1", "-p", "" + port, "-t", "cli/pub",
                    "-m", "from meerkat", "-q", "1", "-r");
            assertThat(pub.exitStatus()).as(pub + "; " + broker).isZero();
            String received = RealPeerProcess.start("mosquitto_sub", dir, List.of(PeerBinaries.require("mosquitto_sub")
                    .toString(), "-h", "127.0.0.1", "-p", "" + port, "-t", "cli/#", "-C", "1", "-v", "-W", "20"))
                    .awaitExit(30);
            assertThat(received).isEqualTo("cli/pub from meerkat\n");
        }
    }

    @Test
    void subPrintsWhatMosquittoPubPublished() throws Exception {
        int port = freePort();
        try (RealPeerProcess broker = broker(port, List.of())) {
            mosquittoPub(port, "cli/sub", "from mosquitto_pub");
            mosquittoPub(port, "cli/other", "second");
            CommandRun sub = CommandRun.of("mqtt", "sub", "-h", "127.0.0.1", "-p", "" + port, "-t", "cli/sub",
                    "-t", "cli/other", "-C", "2", "-v", "-W", "20", "-V", "mqttv5");
            assertThat(sub.exitStatus()).as(sub + "; " + broker).isZero();
            assertThat(sub.stdoutText().lines()).containsExactlyInAnyOrder("cli/sub from mosquitto_pub", "cli/other second");
        }
    }

    @Test
    void subOverTlsTrustsTheCaFile() throws Exception {
        RealPeerPki pki = RealPeerPki.generate(PeerBinaries.require("openssl"), dir);
        int port = freePort();
        try (RealPeerProcess broker = broker(port, List.of("cafile " + pki.caPem(), "certfile " + pki.serverChainPem(),
                "keyfile " + pki.serverKey()))) {
            CommandRun pub = CommandRun.of("mqtt", "pub", "-h", "localhost", "-p", "" + port, "--cafile",
                    pki.caPem().toString(), "--tls", "jdk", "-t", "tls/x", "-m", "secret", "-r");
            assertThat(pub.exitStatus()).as(pub + "; " + broker).isZero();
            CommandRun sub = CommandRun.of("mqtt", "sub", "-h", "localhost", "-p", "" + port, "--cafile",
                    pki.caPem().toString(), "-t", "tls/#", "-C", "1", "-W", "20");
            assertThat(sub.stdoutText()).as(sub.toString()).isEqualTo("secret\n");
        }
    }

    @Test
    void subExits27WhenItsTimeoutRunsOut() throws Exception {
        int port = freePort();
        try (RealPeerProcess broker = broker(port, List.of())) {
            CommandRun sub = CommandRun.of("mqtt", "sub", "-h", "127.0.0.1", "-p", "" + port, "-t", "none", "-W", "1");
            assertThat(sub.exitStatus()).as(sub.toString()).isEqualTo(27);
        }
    }

    @Test
    void aRefusedConnectionExits1AndSaysWhy() throws Exception {
        int port = freePort();
        CommandRun pub = CommandRun.of("mqtt", "pub", "-h", "127.0.0.1", "-p", "" + port, "-t", "t", "-m", "x");
        assertThat(pub.exitStatus()).isEqualTo(1);
        assertThat(pub.stderr()).startsWith("meerkat mqtt pub: the MQTT client of mqtt://127.0.0.1:" + port + " stopped");
    }

    @Test
    void pubNeedsExactlyOneMessageSource() {
        CommandRun pub = CommandRun.of("mqtt", "pub", "-t", "t");
        assertThat(pub.exitStatus()).isEqualTo(2);
        assertThat(pub.stderr()).startsWith("meerkat: pub: expected exactly one of -m, -l and -n");
    }

    private RealPeerProcess broker(int port, List<String> tls) throws Exception {
        List<String> config = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "allow_anonymous true",
                "user root"));
        config.addAll(tls);
        Path conf = dir.resolve("mosquitto.conf");
        Files.write(conf, config);
        // Debian installs the broker in /usr/sbin, which a non-root user's PATH may lack.
        Path mosquitto = Files.isExecutable(SYSTEM_MOSQUITTO) ? SYSTEM_MOSQUITTO : PeerBinaries.require("mosquitto");
        return RealPeerProcess.start("mosquitto", dir, List.of(mosquitto.toString(), "-c", conf.toString()))
                .awaitListening(port);
    }

    private void mosquittoPub(int port, String topic, String message) throws Exception {
        RealPeerProcess.start("mosquitto_pub", dir, List.of(PeerBinaries.require("mosquitto_pub").toString(), "-h",
                "127.0.0.1", "-p", "" + port, "-t", topic, "-m", message, "-r", "-q", "1")).awaitExit(30);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
