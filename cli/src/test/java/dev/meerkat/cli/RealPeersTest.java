package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meerkat.tls.TlsVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every TLS provider against real, independent TLS implementations on 127.0.0.1: {@code meerkat get}
 * against {@code openssl s_server -WWW}, nginx and a Python {@code ssl} server that omits close_notify;
 * {@code meerkat serve} against curl, {@code gnutls-cli} and a Python {@code ssl} client that checks
 * for close_notify. Bodies are compared by SHA-256.
 *
 * <p>GnuTLS is the client here, not {@code gnutls-serv}: that server has no bind option, so it would
 * have to run in a private network namespace ({@code unshare -n}, which needs CAP_SYS_ADMIN, absent
 * in unprivileged CI containers) together with a second JVM for {@code meerkat get}; and its
 * {@code --http} mode answers with a generated status page, not a file, so no byte-exact check is
 * possible. {@code gnutls-cli} needs neither and checks the served bytes exactly.
 */
class RealPeersTest {

    /** Not a multiple of the 16 KiB record size, so the last record is a short one. */
    private static final int FILE_SIZE = 100_003;
    private static final int REPEAT = 20;
    private static final String FILE = "file.bin";
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path pkiDir;
    private static RealPeerPki pki;

    @TempDir
    Path dir;
    private Path www;
    private byte[] content;

    @BeforeAll
    static void generatePki() throws Exception {
        pki = RealPeerPki.generate(PeerBinaries.require("openssl"), pkiDir);
    }

    @BeforeEach
    void writeFile() throws IOException {
        www = Files.createDirectory(dir.resolve("www"));
        content = TestServers.randomBytes(FILE_SIZE, 2570);
        Files.write(www.resolve(FILE), content);
    }

    static List<String> providers() {
        return RealPeerProviders.names().toList();
    }

    static List<Arguments> providersAndVersions() {
        return RealPeerProviders.namesAndVersions().toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void getReadsACloseDelimitedBodyFromOpensslSServer(String provider, TlsVersion version) throws Exception {
        RealPeerProviders.require(provider, version);
        int port = TestServers.closedPort();
        try (RealPeerProcess server = startSServer(port, version)) {
            CommandRun run = get(provider, "https://localhost:" + port + "/" + FILE, 1);
            assertThat(run.exitStatus()).as("%s against %s", run, server).isZero();
            assertThat(run.stderr()).contains("* TLS: provider " + provider + ", " + version.protocolName())
                    .contains("< HTTP/1.0 200").contains("close reason: CLEAN");
            assertSameBytes(run, content);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void getRepeatsAgainstOpensslSServerReconnectingEveryTime(String provider) throws Exception {
        RealPeerProviders.require(provider);
        int port = TestServers.closedPort();
        try (RealPeerProcess server = startSServer(port, RealPeerProviders.newest(provider))) {
            CommandRun run = get(provider, "https://localhost:" + port + "/" + FILE, REPEAT);
            assertThat(run.exitStatus()).as("%s against %s", run, server).isZero();
            assertThat(countLines(run.stderr(), "close reason: CLEAN")).as(run.stderr()).isEqualTo(REPEAT);
            assertSameBytes(run, repeated(content, REPEAT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void getRepeatsAgainstNginxThatClosesAfterEveryResponse(String provider) throws Exception {
        RealPeerProviders.require(provider);
        int port = TestServers.closedPort();
        TlsVersion newest = RealPeerProviders.newest(provider);
        try (RealPeerProcess server = startNginx(port, RealPeerNginx.CLOSE_EVERY_RESPONSE)) {
            CommandRun run = get(provider, "https://localhost:" + port + "/" + FILE, REPEAT);
            assertThat(run.exitStatus()).as("%s against %s", run, server).isZero();
            assertThat(countLines(run.stderr(), "< Connection: close")).as(run.stderr()).isEqualTo(REPEAT);
            assertSameBytes(run, repeated(content, REPEAT));
            List<RealPeerNginx.Access> log = RealPeerNginx.awaitAccessLog(dir, REPEAT);
            assertThat(log).as("nginx's access log: one connection per request").hasSize(REPEAT)
                    .allMatch(a -> a.requestOnConnection() == 1 && a.status() == 200 && a.bodyBytes() == FILE_SIZE
                            && a.tlsProtocol().equals(newest.protocolName()));
            assertThat(log.stream().map(RealPeerNginx.Access::connection).distinct()).hasSize(REPEAT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void getRepeatsOnOneKeptAliveNginxConnection(String provider) throws Exception {
        RealPeerProviders.require(provider);
        int port = TestServers.closedPort();
        try (RealPeerProcess server = startNginx(port, RealPeerNginx.KEEP_ALIVE)) {
            CommandRun run = get(provider, "https://localhost:" + port + "/" + FILE, REPEAT);
            assertThat(run.exitStatus()).as("%s against %s", run, server).isZero();
            assertSameBytes(run, repeated(content, REPEAT));
            List<RealPeerNginx.Access> log = RealPeerNginx.awaitAccessLog(dir, REPEAT);
            assertThat(log).as("nginx's access log: every request on the first connection")
                    .extracting(RealPeerNginx.Access::requestOnConnection)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, REPEAT).boxed().toList());
            assertThat(log.stream().map(RealPeerNginx.Access::connection).distinct()).hasSize(1);
            assertThat(log).allMatch(a -> a.status() == 200 && a.bodyBytes() == FILE_SIZE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void getReadsAMegabyteInSmallRecordsFromNginx(String provider) throws Exception {
        RealPeerProviders.require(provider);
        byte[] big = TestServers.randomBytes(1_000_003, 2668);
        Files.write(www.resolve("big.bin"), big);
        int port = TestServers.closedPort();
        try (RealPeerProcess server = startNginx(port, RealPeerNginx.CLOSE_EVERY_RESPONSE + " " + RealPeerNginx.SMALL_RECORDS)) {
            CommandRun run = get(provider, "https://localhost:" + port + "/big.bin", 2);
            assertThat(run.exitStatus()).as("%s against %s", run, server).isZero();
            assertSameBytes(run, repeated(big, 2));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void gnutlsCliFetchesAFileFromServe(String provider, TlsVersion version) throws Exception {
        RealPeerProviders.require(provider, version);
        Path gnutlsCli = PeerBinaries.require("gnutls-cli");
        try (ServeCommand.Running server = serve(provider)) {
            RealPeerGnutlsCli cli = RealPeerGnutlsCli.exchange(gnutlsCli, dir, pki.caPem(), server.port(), version,
                    "GET /" + FILE + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(cli.exitStatus()).as(cli.log()).isZero();
            assertThat(cli.log()).contains("The certificate is trusted")
                    .contains("(" + version.protocolName().replace("v", "") + "-");
            assertThat(cli.head()).as(cli.log()).startsWith("HTTP/1.1 200 ").contains("Content-Length: " + FILE_SIZE);
            assertThat(PeerBinaries.sha256(cli.body())).as("SHA-256 of the body gnutls-cli received (%d bytes)",
                    cli.body().length).isEqualTo(PeerBinaries.sha256(content));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void curlFetchesAFileFromServe(String provider) throws Exception {
        RealPeerProviders.require(provider);
        try (ServeCommand.Running server = serve(provider)) {
            Path output = curl(server.port(), "/" + FILE);
            assertThat(PeerBinaries.sha256(Files.readAllBytes(output))).isEqualTo(PeerBinaries.sha256(content));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void curlPostsAMegabyteToServeEchoAndGetsItBack(String provider) throws Exception {
        RealPeerProviders.require(provider);
        byte[] body = TestServers.randomBytes(1_000_000, 3104);
        Path bodyFile = dir.resolve("post.bin");
        Files.write(bodyFile, body);
        try (ServeCommand.Running server = serve(provider)) {
            Path output = curl(server.port(), "/echo", "--data-binary", "@" + bodyFile,
                    "-H", "Content-Type: application/octet-stream");
            assertThat(PeerBinaries.sha256(Files.readAllBytes(output))).isEqualTo(PeerBinaries.sha256(body));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void getReportsTruncationWhenPythonSslClosesWithoutCloseNotify(String provider, TlsVersion version) throws Exception {
        assertTruncatedWithEveryByte(provider, version, 16_384);
    }

    /** Mongoose 3104: the last small record must not be lost on a fast close. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void getReportsTruncationWithEveryByteOfManySmallRecords(String provider) throws Exception {
        RealPeerProviders.require(provider);
        assertTruncatedWithEveryByte(provider, RealPeerProviders.newest(provider), 700);
    }

    private void assertTruncatedWithEveryByte(String provider, TlsVersion version, int recordBytes) throws Exception {
        RealPeerProviders.require(provider, version);
        Path python = PeerBinaries.require("python3");
        int port = TestServers.closedPort();
        try (RealPeerProcess server = RealPeerPython.startTruncatingServer(python, dir, pki, port, version,
                www.resolve(FILE), recordBytes)) {
            CommandRun run = assertTimeoutPreemptively(COMMAND_LIMIT, () -> CommandRun.of("get", "-v", "--tls", provider,
                    "--cacert", pki.caPem().toString(), "https://localhost:" + port + "/"));
            assertThat(run.exitStatus()).as("%s against %s", run.stderr(), server)
                    .isEqualTo(Failure.TRUNCATED.exitStatus());
            assertThat(run.stderr()).contains("* TLS: provider " + provider + ", " + version.protocolName())
                    .contains("meerkat get: truncated: ").contains("TRUNCATED_NO_CLOSE_NOTIFY");
            assertThat(PeerBinaries.sha256(run.stdout())).as("SHA-256 of the %d bytes written to stdout; %s",
                    run.stdout().length, run.stderr()).isEqualTo(PeerBinaries.sha256(content));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void serveEndsAConnectionCloseResponseWithCloseNotify(String provider, TlsVersion version) throws Exception {
        RealPeerProviders.require(provider, version);
        Path python = PeerBinaries.require("python3");
        try (ServeCommand.Running server = serve(provider)) {
            String outcome = RealPeerPython.fetch(python, dir, pki.caPem(), server.port(), version, "/" + FILE);
            assertThat(outcome).as("how Python's ssl client saw the end of the response")
                    .isEqualTo("close_notify " + FILE_SIZE + " " + PeerBinaries.sha256(content));
        }
    }

    private RealPeerProcess startSServer(int port, TlsVersion version) throws Exception {
        Path openssl = PeerBinaries.require("openssl");
        // -WWW answers as HTTP/1.0 with a body that ends when the connection closes (the 2570 case).
        return RealPeerProcess.start("s_server", www, List.of(openssl.toString(), "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", pki.serverChainPem().toString(), "-key", pki.serverKey().toString(),
                version == TlsVersion.TLS_1_2 ? "-tls1_2" : "-tls1_3", "-WWW", "-quiet")).awaitListening(port);
    }

    private RealPeerProcess startNginx(int port, String directives) throws Exception {
        Path nginx = PeerBinaries.require("nginx");
        return RealPeerNginx.start(nginx, dir, pki, port, directives, www);
    }

    private ServeCommand.Running serve(String provider) throws UsageException {
        return TestServers.serve("--dir", www.toString(), "--listen", "https://127.0.0.1:0", "--tls", provider,
                "--cert", pki.serverChainPem().toString(), "--key", pki.serverKey().toString());
    }

    /** {@code meerkat get -v} with the body in a file (stdout of a CommandRun would hold it twice). */
    private CommandRun get(String provider, String url, int repeat) {
        Path output = dir.resolve("get-" + System.nanoTime() + ".bin");
        CommandRun run = assertTimeoutPreemptively(COMMAND_LIMIT, () -> CommandRun.of("get", "-v", "--tls", provider,
                "--cacert", pki.caPem().toString(), "--repeat", Integer.toString(repeat), "-o", output.toString(), url));
        try {
            return new CommandRun(run.exitStatus(), Files.exists(output) ? Files.readAllBytes(output) : new byte[0],
                    run.stderr());
        } catch (IOException e) {
            throw new AssertionError("expected to read get's -o file " + output + " but could not", e);
        }
    }

    /** curl over HTTP/1.1 to {@code path} on {@code meerkat serve}; returns the file holding the body. */
    private Path curl(int port, String path, String... extra) throws Exception {
        Path curl = PeerBinaries.require("curl");
        Path output = dir.resolve("curl-out.bin");
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--http1.1", "--max-time", "30",
                "--fail", "--cacert", pki.caPem().toString(), "-o", output.toString()));
        command.addAll(List.of(extra));
        command.add("https://localhost:" + port + path);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("curl finished within 60 s: %s", command).isTrue();
            String said = new String(process.getInputStream().readAllBytes());
            assertThat(process.exitValue()).as("curl's exit status; it said: %s", said).isZero();
            return output;
        } finally {
            PeerBinaries.stop(process);
        }
    }

    private static void assertSameBytes(CommandRun run, byte[] expected) throws Exception {
        assertThat(PeerBinaries.sha256(run.stdout())).as("SHA-256 of the %d body bytes (expected %d); %s",
                run.stdout().length, expected.length, run.stderr()).isEqualTo(PeerBinaries.sha256(expected));
    }

    private static long countLines(String text, String containing) {
        return text.lines().filter(line -> line.contains(containing)).count();
    }

    private static byte[] repeated(byte[] bytes, int times) {
        ByteArrayOutputStream all = new ByteArrayOutputStream(bytes.length * times);
        for (int i = 0; i < times; i++) {
            all.writeBytes(bytes);
        }
        return all.toByteArray();
    }
}
