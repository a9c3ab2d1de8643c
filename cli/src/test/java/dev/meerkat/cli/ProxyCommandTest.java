package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faults.FaultProxy;
import dev.meerkat.tls.KeyMaterial;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every {@code meerkat proxy} fault between {@code meerkat get} and a well-behaved TLS server that
 * sends a close-delimited body: what arrives, and the close reason the Meerkat client saw.
 */
@Timeout(60)
class ProxyCommandTest {

    private static final byte[] BODY = TestServers.randomBytes(200_000, 13);
    private static KeyMaterial certificate;

    private final ByteArrayOutputStream proxyErr = new ByteArrayOutputStream();
    private FaultProxy proxy;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = KeyMaterial.selfSigned("localhost", "127.0.0.1");
    }

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void cutAfterDeliversAPrefixAndGetReportsTheTruncation() throws Exception {
        CommandRun run = getThrough(BODY, "cut-after=100000");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Failure.TRUNCATED.exitStatus());
        assertPrefixShorterThanBody(run);
        assertThat(run.stderr()).contains("close reason: TRUNCATED_");
        assertThat(proxyLog()).contains("CutAfter[bytes=100000] fell");
    }

    @Test
    void rstAfterDeliversAPrefixThenAReset() throws Exception {
        CommandRun run = getThrough(BODY, "rst-after=100000");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Failure.RESET.exitStatus());
        assertThat(BODY.length).isGreaterThan(run.stdout().length);
        assertThat(run.stdout()).isEqualTo(Arrays.copyOf(BODY, run.stdout().length));
    }

    @Test
    void coalesceCloseDeliversTheWholeBodyAndItsCloseNotifyInOneWrite() throws Exception {
        CommandRun run = getThrough(BODY, "coalesce-close");
        assertWhole(run);
        assertThat(run.stderr()).contains("close reason: CLEAN");
        assertThat(proxyLog()).contains("CoalesceClose[] applied");
    }

    @Test
    void dropCloseNotifyDeliversEveryByteButGetCannotTrustTheEnd() throws Exception {
        CommandRun run = getThrough(BODY, "drop-close-notify");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Failure.TRUNCATED.exitStatus());
        assertThat(run.stdout()).isEqualTo(BODY);
        assertThat(run.stderr()).contains("close reason: TRUNCATED_NO_CLOSE_NOTIFY");
    }

    /** The JDK server sends a short record between the body and close_notify: that record is the one cut. */
    @Test
    void partialRecordCutsTheRecordBeforeCloseNotifyInHalf() throws Exception {
        CommandRun run = getThrough(BODY, "partial-record");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Failure.TRUNCATED.exitStatus());
        assertThat(run.stdout()).isEqualTo(Arrays.copyOf(BODY, run.stdout().length));
        assertThat(run.stderr()).contains("close reason: TRUNCATED_PARTIAL_RECORD");
        assertThat(proxyLog()).contains("PartialRecordAtEnd[] applied to");
    }

    @Test
    void delayHoldsTheServerBackButLosesNothing() throws Exception {
        long start = System.nanoTime();
        CommandRun run = getThrough(BODY, "delay=200");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertWhole(run);
        // The server's first flight and the response are at least two delayed writes.
        assertThat(millis).isGreaterThanOrEqualTo(400);
    }

    @Test
    void oneByteSegmentsWritesEveryByteAlone() throws Exception {
        byte[] small = TestServers.randomBytes(3_000, 14);
        CommandRun run = getThrough(small, "one-byte-segments");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Main.SUCCESS);
        assertThat(run.stdout()).isEqualTo(small);
        String summary = awaitProxyLog("writes");
        String[] words = summary.substring(summary.indexOf("delivered ")).split(" ");
        assertThat(words[1]).as(summary).isEqualTo(words[7]);
    }

    @Test
    void badFaultSpecsAreUsageErrors() {
        assertUsage("expected one of cut-after=N, rst-after=N, delay=MS", "teleport");
        assertUsage("cut-after expects a whole number >= 0 after '=' but was 'many'", "cut-after=many");
        assertUsage("rst-after expects a whole number >= 0 after '=' but was nothing", "rst-after");
        assertUsage("delay expects a whole number >= 0 after '=' but was '-5'", "delay=-5");
        assertUsage("coalesce-close takes no value but was given '3'", "coalesce-close=3");
    }

    @Test
    void twoFaultsThatEachEndTheStreamAreAUsageError() {
        CommandRun run = CommandRun.of("proxy", "--listen", "tcp://127.0.0.1:0", "--upstream", "127.0.0.1:9",
                "--fault", "cut-after=5", "--fault", "drop-close-notify");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Main.USAGE);
        assertThat(run.stderr()).contains("proxy: start, end and limit faults each end the stream");
    }

    @Test
    void badAddressesAreUsageErrors() {
        CommandRun run = CommandRun.of("proxy", "--listen", "tcp://127.0.0.1:0", "--upstream", "nowhere",
                "--fault", "coalesce-close");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Main.USAGE);
        assertThat(run.stderr()).contains("option --upstream expects HOST:PORT, such as 127.0.0.1:8443 but was 'nowhere'");
    }

    private void assertUsage(String message, String fault) {
        CommandRun run = CommandRun.of("proxy", "--listen", "tcp://127.0.0.1:0", "--upstream", "127.0.0.1:9",
                "--fault", fault);
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Main.USAGE);
        assertThat(run.stderr()).contains("Invalid value for option '--fault'").contains(message);
    }

    /** Starts a server and the proxy in front of it, then runs {@code meerkat get -k -v} through the proxy. */
    private CommandRun getThrough(byte[] body, String... faults) throws Exception {
        try (CloseDelimitedTlsServer server = new CloseDelimitedTlsServer(certificate, body)) {
            proxy = startProxy(server.port(), faults);
            return CommandRun.of("get", "-k", "-v", "https://127.0.0.1:" + proxy.port() + "/");
        }
    }

    private FaultProxy startProxy(int upstreamPort, String... faults) throws UsageException {
        List<String> args = new ArrayList<>(List.of("--listen", "tcp://127.0.0.1:0", "--upstream",
                "127.0.0.1:" + upstreamPort));
        for (String fault : faults) {
            args.addAll(List.of("--fault", fault));
        }
        PrintStream err = new PrintStream(proxyErr, true, StandardCharsets.UTF_8);
        return ProxyCommand.parse(args).start(new PrintStream(OutputStream.nullOutputStream()), err);
    }

    private static void assertWhole(CommandRun run) {
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(Main.SUCCESS);
        assertThat(run.stdout()).isEqualTo(BODY);
    }

    private static void assertPrefixShorterThanBody(CommandRun run) {
        assertThat(run.stdout().length).as(run.toString()).isLessThan(BODY.length);
        assertThat(run.stdout()).isEqualTo(Arrays.copyOf(BODY, run.stdout().length));
    }

    private String proxyLog() {
        return proxyErr.toString(StandardCharsets.UTF_8);
    }

    /** The proxy's log line containing {@code text}; the connection's summary comes after the client ended. */
    private String awaitProxyLog(String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (String line : proxyLog().split("\n")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected a proxy log line with '" + text + "' within 10 s but the log was "
                + proxyLog());
    }
}
