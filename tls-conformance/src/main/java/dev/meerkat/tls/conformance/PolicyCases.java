package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.PolicyRule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * One case per rule of the TLS policy ({@code dev.meerkat.tls.spi.TlsPolicy}), with the openssl
 * command line tool as the peer that offers what the policy forbids. Every provider must give the
 * same outcome; a control case with what the policy allows shows that each refusal is the policy's.
 */
public abstract class PolicyCases extends InterleavingCases {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(15);
    private static final String BEFORE = "policy-before-41c7";
    private static final String AFTER = "policy-after-41c7";

    /** For subclasses: a backend names its provider in a few lines. */
    protected PolicyCases() {
    }

    /**
     * The control case: proves a server accepts ECDHE-ECDSA-AES128-GCM-SHA256 from s_client over
     * TLS 1.2, so the refusals below are the policy's.
     *
     * @throws Exception when a context cannot be made, the openssl peer cannot run, or a wait is interrupted
     */
    @Test
    public void serverAcceptsAnEcdheAeadSuite() throws Exception {
        Accepted result = connectSClient(pki.server(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256");
        assertThat(result.handshook()).as("handshake with a policy suite; %s", result).isTrue();
    }

    /**
     * Proves a server refuses a client that offers only a CBC suite with a SHA-1 MAC: no handshake,
     * Close(ERROR).
     *
     * @throws Exception when a context cannot be made, the openssl peer cannot run, or a wait is interrupted
     */
    @Test
    public void serverRefusesCbcWithSha1Mac() throws Exception {
        assertRefusedByServer(connectSClient(pki.server(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"));
    }

    /**
     * Proves a server with an RSA certificate refuses a client that offers only static RSA key
     * exchange (no forward secrecy).
     *
     * @throws Exception when a context cannot be made, the openssl peer cannot run, or a wait is interrupted
     */
    @Test
    public void serverRefusesStaticRsaKeyExchange() throws Exception {
        assertRefusedByServer(connectSClient(pki.rsaServer(), "-tls1_2", "-cipher", "AES128-GCM-SHA256"));
    }

    /**
     * Proves a server refuses a TLS 1.1 client. SECLEVEL 0: OpenSSL 3 sends no TLS 1.1 ClientHello
     * at its default level.
     *
     * @throws Exception when a context cannot be made, the openssl peer cannot run, or a wait is interrupted
     */
    @Test
    public void serverRefusesTls11() throws Exception {
        assertRefusedByServer(connectSClient(pki.server(), "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"));
    }

    /**
     * Proves a server refuses a client's TLS 1.2 renegotiation and ends the connection. s_client
     * asks for a TLS 1.2 renegotiation ("R" on its input) between two lines: the first is echoed,
     * the renegotiation is refused, the connection ends, and the second is never echoed.
     *
     * @throws Exception when a context cannot be made, the openssl peer cannot run, or a wait is interrupted
     */
    @Test
    public void serverRefusesClientInitiatedRenegotiation() throws Exception {
        try (EchoServer server = echoServer(pki.server());
             OpensslCommand client = sClient(server.port(), "-tls1_2")) {
            client.sendLine(BEFORE);
            // s_client takes "R" as a command only at the start of what it reads: wait for the echo first.
            client.awaitOutput(BEFORE, PEER_TIMEOUT);
            client.sendLine("R");
            Thread.sleep(1000);
            client.sendLine(AFTER);
            Thread.sleep(500);
            client.endInput();
            assertThat(client.awaitExit(PEER_TIMEOUT)).as("s_client exits").isTrue();
            List<EchoServer.Ending> endings = server.awaitEndings(1, PEER_TIMEOUT);
            assertThat(client.stdout()).as("echo before the renegotiation; %s", client.transcript()).contains(BEFORE)
                    .doesNotContain(AFTER);
            assertThat(endings).as("server side").singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(CloseReason.ERROR));
        }
    }

    /**
     * Proves a server picks its key exchange group from the policy, not from the client's first key
     * share. s_client prefers P-521, which the policy leaves out, and sends its key share first: a
     * server that applies the policy's groups asks for x25519 instead (HelloRetryRequest). A
     * provider whose backend cannot set the groups says so in its policy table, and this case holds
     * it to that.
     *
     * @throws Exception when a context cannot be made, the openssl peer cannot run, or a wait is interrupted
     */
    @Test
    public void serverChoosesAPolicyGroup() throws Exception {
        offered(TlsVersion.TLS_1_3);
        Accepted result = connectSClient(pki.server(), "-tls1_3", "-groups", "P-521:X25519");
        assertThat(result.handshook()).as("%s", result).isTrue();
        if (TlsProviders.named(providerName()).policy().enforces(PolicyRule.GROUPS)) {
            assertThat(result.client().stdout()).as("%s", result).contains("Server Temp Key: X25519");
        } else {
            assertThat(result.client().stdout()).as("%s", result).contains("Server Temp Key: ECDH, secp521r1");
        }
    }

    /**
     * Proves a client refuses s_server when it offers only a CBC suite with a SHA-1 MAC: no
     * handshake, Close(ERROR).
     *
     * @throws Exception when a context cannot be made, the openssl peer cannot run, or a wait is interrupted
     */
    @Test
    public void clientRefusesAServerWithOnlyCbcSuites() throws Exception {
        assertRefusedByClient("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA");
    }

    /**
     * Proves a client refuses a server that speaks only TLS 1.1.
     *
     * @throws Exception when a context cannot be made, the openssl peer cannot run, or a wait is interrupted
     */
    @Test
    public void clientRefusesATls11Server() throws Exception {
        assertRefusedByClient("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
    }

    /**
     * The control case: proves a client completes a handshake with s_server offering a policy
     * suite.
     *
     * @throws Exception when a context cannot be made, the openssl peer cannot run, or a wait is interrupted
     */
    @Test
    public void clientAcceptsAPolicySuiteServer() throws Exception {
        assertThat(connectToSServer("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256").session())
                .as("handshake with a policy suite").isNotNull();
    }

    /** What a Meerkat server saw of one s_client connection, and s_client itself. */
    private record Accepted(EchoServer.Ending ending, int handshakes, OpensslCommand client) {
        boolean handshook() {
            return handshakes == 1;
        }

        @Override
        public String toString() {
            return "server ending " + ending + ", handshakes " + handshakes + "; s_client " + client.transcript();
        }
    }

    private Accepted connectSClient(KeyMaterial material, String... options) throws Exception {
        try (EchoServer server = echoServer(material); OpensslCommand client = sClient(server.port(), options)) {
            client.endInput();
            client.awaitExit(PEER_TIMEOUT);
            List<EchoServer.Ending> endings = server.awaitEndings(1, PEER_TIMEOUT);
            return new Accepted(endings.isEmpty() ? null : endings.get(0), server.handshakes(), client);
        }
    }

    private static void assertRefusedByServer(Accepted result) {
        assertThat(result.handshook()).as("handshake refused; %s", result).isFalse();
        assertThat(result.ending()).as("server side; %s", result).isNotNull()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(CloseReason.ERROR));
        assertThat(result.client().stdout()).as("%s", result).contains("Cipher is (NONE)");
    }

    private EchoServer echoServer(KeyMaterial material) throws TlsException {
        TlsContext context = serverContext(pki.serverConfig(material).build());
        return new EchoServer(Options.defaults().withTls(context));
    }

    private static OpensslCommand sClient(int port, String... options) {
        List<String> arguments = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + port));
        arguments.addAll(List.of(options));
        return OpensslCommand.start(arguments.toArray(String[]::new));
    }

    private void assertRefusedByClient(String... options) throws Exception {
        EventLog log = connectToSServer(options);
        assertThat(log.session()).as("no handshake: %s", log).isNull();
        assertThat(log.reason()).as("client side: %s", log).isEqualTo(CloseReason.ERROR);
    }

    /** A Meerkat client against {@code s_server options...}, until it closed or finished its handshake. */
    private EventLog connectToSServer(String... options) throws Exception {
        return connectToSServer(pki.clientConfig().build(), Connection::close, server -> false, options);
    }

    /**
     * A Meerkat client with {@code config} against {@code s_server options...}: {@code onHandshake}
     * runs when its handshake completes, and it is polled until it closed or {@code done} holds.
     */
    EventLog connectToSServer(TlsConfig config, Consumer<Connection> onHandshake, Predicate<OpensslCommand> done,
                              String... options) throws Exception {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("s_server", "-accept", "127.0.0.1:" + port,
                "-cert", pki.serverChainPem().toString(), "-key", pki.serverKeyPem().toString()));
        arguments.addAll(List.of(options));
        try (OpensslCommand server = OpensslCommand.start(arguments.toArray(String[]::new));
             TlsContext context = clientContext(config);
             Manager client = new Manager()) {
            server.awaitOutput("ACCEPT", PEER_TIMEOUT);
            EventLog log = new EventLog();
            client.connect("tls://127.0.0.1:" + port, Options.defaults().withTls(context), (c, e) -> {
                log.record(e);
                if (e instanceof Event.TlsHandshake) {
                    onHandshake.accept(c);
                }
            });
            ScenarioRunner.pollUntil(client, () -> log.isClosed() || done.test(server),
                    () -> "expected the client to close; " + log);
            return log;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
