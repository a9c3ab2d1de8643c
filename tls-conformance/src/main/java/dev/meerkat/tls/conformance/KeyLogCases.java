package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.Options;
import dev.meerkat.tls.Support;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key log ({@link TlsConfig.Builder#keyLog}): for one connection, the lines Meerkat writes are
 * the lines the openssl command line tool writes for its side ({@code -keylogfile}), as a set (the
 * order differs between libraries). A provider that cannot expose its secrets refuses the config with
 * the reason it gives in {@link dev.meerkat.tls.TlsProvider#keyLogging()}.
 */
public abstract class KeyLogCases extends ReloadCases {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(15);
    // Not "k...": s_client takes a line starting with k, K, R or Q as a command.
    private static final String PING = "meerkat-keylog-ping";

    /** Where both sides write their key logs; new for each test. */
    @TempDir
    protected Path keyLogDir;

    /** For subclasses: a backend names its provider in a few lines. */
    protected KeyLogCases() {
    }

    /**
     * Proves a Meerkat client's key log holds the lines {@code openssl s_server -keylogfile} writes
     * for the same connection, or, on a provider that cannot log keys, that the config is refused
     * and no file is made.
     *
     * @param version the protocol version both sides use
     * @throws Exception when s_server cannot start or a wait is interrupted
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void clientLogsTheSecretsOpensslServerLogs(TlsVersion version) throws Exception {
        OfferedVersions.require(providerName(), version);
        Path ours = keyLogDir.resolve("meerkat-client.log");
        TlsConfig config = pki.clientConfig().versions(version).keyLog(ours).build();
        if (refusedWhenUnsupported(config, ours)) {
            return;
        }
        Path theirs = keyLogDir.resolve("s_server.log");
        // s_server prints what it read only after the client's Finished: its secrets are all logged by then.
        EventLog log = connectToSServer(config, c -> c.send((PING + "\n").getBytes(StandardCharsets.US_ASCII)),
                server -> server.hasPrinted(PING), "-keylogfile", theirs.toString(), flag(version));
        assertThat(log.session()).as("handshake; %s", log).isNotNull();
        assertSameSecrets(version, ours, theirs);
    }

    /**
     * Proves a Meerkat server's key log holds the lines {@code openssl s_client -keylogfile} writes
     * for the same connection, or, on a provider that cannot log keys, that the config is refused.
     *
     * @param version the protocol version both sides use
     * @throws Exception when s_client cannot start or a wait is interrupted
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    public void serverLogsTheSecretsOpensslClientLogs(TlsVersion version) throws Exception {
        OfferedVersions.require(providerName(), version);
        Path ours = keyLogDir.resolve("meerkat-server.log");
        TlsConfig config = pki.serverConfig(pki.server()).versions(version).keyLog(ours).build();
        if (refusedWhenUnsupported(config, ours)) {
            return;
        }
        Path theirs = keyLogDir.resolve("s_client.log");
        try (TlsContext context = serverContext(config);
             EchoServer server = new EchoServer(Options.defaults().withTls(context));
             OpensslCommand client = OpensslCommand.start("s_client", "-connect", "127.0.0.1:" + server.port(),
                     "-keylogfile", theirs.toString(), flag(version))) {
            client.sendLine(PING);
            // The echo comes after the server's handshake completed, so both sides logged every secret.
            client.awaitOutput(PING, PEER_TIMEOUT);
            client.endInput();
            assertThat(client.awaitExit(PEER_TIMEOUT)).as("s_client exits; %s", client.transcript()).isTrue();
            assertSameSecrets(version, ours, theirs);
        }
    }

    /**
     * When the provider says it cannot write key logs, a context for {@code config} is refused with
     * that reason and nothing is written; returns whether it was.
     */
    private boolean refusedWhenUnsupported(TlsConfig config, Path file) throws TlsException {
        Support support = TlsProviders.named(providerName()).keyLogging();
        if (support.supported()) {
            return false;
        }
        assertThat(support.detail()).as("why %s writes no key log", providerName()).isNotBlank();
        assertThatThrownBy(() -> TlsProviders.named(providerName()).newContext(config).close())
                .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.CONFIGURATION))
                .hasMessageContaining(support.detail());
        assertThat(file).doesNotExist();
        return true;
    }

    /** Same lines, in any order; and the ones each version must have, so two empty logs do not pass. */
    private static void assertSameSecrets(TlsVersion version, Path ours, Path theirs) throws IOException {
        List<String> meerkat = secrets(ours);
        List<String> openssl = secrets(theirs);
        assertThat(meerkat).as("Meerkat's key log against openssl's").containsExactlyInAnyOrderElementsOf(openssl);
        List<String> labels = meerkat.stream().map(line -> line.substring(0, line.indexOf(' '))).toList();
        if (version == TlsVersion.TLS_1_3) {
            assertThat(labels).contains("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                    "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0");
        } else {
            assertThat(labels).containsExactly("CLIENT_RANDOM");
        }
    }

    /** The secret lines of a key log; OpenSSL's tools start a new file with a comment. */
    private static List<String> secrets(Path file) throws IOException {
        assertThat(file).as("key log").exists();
        return Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    private static String flag(TlsVersion version) {
        return version == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2";
    }
}
