package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.Event;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients against a Meerkat TLS server, written as raw records ({@link RawRecordWriter}):
 * records over the RFC 8446 limits, during and after the handshake, handshakes that stall or drip,
 * junk. The server runs with a 2 s handshake timeout where the case is about that timeout; each case
 * is bounded in bytes and time, and the server must then still serve a well-behaved client.
 */
public abstract class HostileCases extends PolicyCases {

    /** Short, yet long enough for a well-behaved first handshake in a cold JVM on a loaded machine. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    /** How long past the handshake timeout a close may take on a loaded 2-core machine. */
    private static final long CLOSE_SLACK_MILLIS = 2000;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * For the cases that do not test the handshake timeout: a cold engine on a loaded 2-core machine
     * took 3.5 s over a ClientHello once (bc, load average 25).
     */
    private static final Duration RELAXED = Options.defaults().handshakeTimeout();
    private static final int RECORD_OVERFLOW = 22;
    private static final long JUNK_LIMIT = 1L << 30;
    private static final int JUNK_CHUNK = 64 * 1024;

    /** For subclasses: a backend names its provider in a few lines. */
    protected HostileCases() {
    }

    /**
     * 2^14 + 2048 + 1 bytes: over the TLS 1.2 ciphertext limit, so over every limit. Proves the
     * server answers with a plaintext record_overflow alert, closes with ERROR and still serves the
     * next client.
     *
     * @throws Exception when the server or the raw client cannot start, or a wait is interrupted
     */
    @Test
    public void recordOverTheTls12CiphertextLimitGetsRecordOverflow() throws Exception {
        try (EchoServer server = echoServer(RELAXED); RawRecordWriter client = new RawRecordWriter(server.port())) {
            assertRecordOverflow(server, client, 16384 + 2048 + 1);
        }
    }

    /**
     * A first record (the ClientHello, plaintext) of 2^14 + 1 bytes: over the plaintext limit.
     * Proves the server answers with a plaintext record_overflow alert, closes with ERROR and still
     * serves the next client.
     *
     * @throws Exception when the server or the raw client cannot start, or a wait is interrupted
     */
    @Test
    public void plaintextRecordOverTwoToTheFourteenGetsRecordOverflow() throws Exception {
        try (EchoServer server = echoServer(RELAXED); RawRecordWriter client = new RawRecordWriter(server.port())) {
            assertRecordOverflow(server, client, 16384 + 1);
        }
    }

    /**
     * A real TLS 1.3 ClientHello (SunJSSE's), then, where the client's encrypted Finished belongs, a
     * record of 2^14 + 300 bytes: over the TLS 1.3 limit, within the TLS 1.2 one, before the version
     * is known (tlsfuzzer's padded Finished). Without the core's check the engines disagreed: bc sent
     * record_overflow, jdk and openssl decrypted first and failed, openssl-jna said "encrypted length
     * too long". Proves every provider now answers the same: record_overflow, then the end.
     *
     * @throws Exception when the server or the raw client cannot start, or a wait is interrupted
     */
    @Test
    public void oversizedRecordInTheTls13HandshakeEndsTheConnection() throws Exception {
        offered(TlsVersion.TLS_1_3);
        SSLEngine hello = SslEngines.tls13Client(pki);
        try (EchoServer server = echoServer(RELAXED); RawRecordWriter client = new RawRecordWriter(server.port())) {
            ByteBuffer clientHello = SslEngines.wrapPending(hello);
            client.write(Arrays.copyOfRange(clientHello.array(), 0, clientHello.limit()));
            client.readUntil(RawRecordWriter.APPLICATION_DATA, WAIT);
            assertRecordOverflow(server, client, 16384 + 300);
        }
    }

    /**
     * After a TLS 1.3 handshake, a record of 2^14 + 257 bytes, over the limit of RFC 8446 section 5.2:
     * the connection ends with an encrypted alert, which this client (SunJSSE, holding the keys)
     * decrypts. Before, the core refused the record from its header and could only send close_notify.
     *
     * @throws Exception when the server or the client cannot start, or a wait is interrupted
     */
    @Test
    public void recordOverTheLimitAfterTheTls13HandshakeGetsAnAlert() throws Exception {
        assertAlertAfterHandshake(TlsVersion.TLS_1_3, 16384 + 256 + 1);
    }

    /**
     * The same after a TLS 1.2 handshake, with 2^14 + 2049 bytes (RFC 5246 section 6.2.3).
     *
     * @throws Exception when the server or the client cannot start, or a wait is interrupted
     */
    @Test
    public void recordOverTheLimitAfterTheTls12HandshakeGetsAnAlert() throws Exception {
        assertAlertAfterHandshake(TlsVersion.TLS_1_2, 16384 + 2048 + 1);
    }

    /**
     * The alert the server's engine sends for a record over the limit after the handshake: every
     * engine but SunJSSE's says record_overflow; SunJSSE never raises that alert (no
     * {@code Alert.RECORD_OVERFLOW} in sun.security.ssl) and refuses such a record as
     * unexpected_message ("Input record too big").
     *
     * @return the alert's description as SunJSSE names it in "Received fatal alert: ..."
     */
    protected String overflowAlertAfterHandshake() {
        return "record_overflow";
    }

    private void assertAlertAfterHandshake(TlsVersion version, int length) throws Exception {
        String protocol = OfferedVersions.require(providerName(), version).protocolName();
        try (EchoServer server = echoServer(RELAXED);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            BlockingTlsPeer client = new BlockingTlsPeer(SslEngines.client(pki, protocol), socket);
            client.handshake();
            // The echo proves the server completed its handshake before the record arrives.
            client.writeData("ping\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.readRequestHead();
            socket.getOutputStream().write(RawRecordWriter.header(RawRecordWriter.APPLICATION_DATA, length));
            socket.getOutputStream().write(new byte[length]);
            assertThat(client.readUntilAlert()).as("what the %s client decrypted; server %s", protocol, server.endings())
                    .contains("Received fatal alert: " + overflowAlertAfterHandshake());
            assertThat(server.awaitEndings(1, WAIT)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(CloseReason.ERROR));
            assertServesAClient(server);
        }
    }

    /**
     * Three bytes of a record header, then nothing. Proves the server closes at its handshake
     * timeout, not later.
     *
     * @throws Exception when the server or the raw client cannot start, or a wait is interrupted
     */
    @Test
    public void stalledHandshakeClosesAtTheHandshakeTimeout() throws Exception {
        try (EchoServer server = echoServer(); RawRecordWriter client = new RawRecordWriter(server.port())) {
            long start = System.nanoTime();
            client.write(new byte[] {RawRecordWriter.HANDSHAKE, 3, 3});
            assertClosedInTime(server, client.readUntilEnd(WAIT), start);
        }
    }

    /**
     * A ClientHello that claims 60,000 bytes, dripped in 16-byte records every 20 ms: the engine
     * consumes every record and waits for more, so only the handshake timeout can end it. Proves
     * the server closes at its handshake timeout, not later.
     *
     * @throws Exception when the server or the raw client cannot start, or a wait is interrupted
     */
    @Test
    public void drippedHandshakeClosesAtTheHandshakeTimeout() throws Exception {
        try (EchoServer server = echoServer(); RawRecordWriter client = new RawRecordWriter(server.port())) {
            long start = System.nanoTime();
            client.write(RawRecordWriter.record(RawRecordWriter.HANDSHAKE, RawRecordWriter.clientHelloHeader(60_000)));
            byte[] fragment = RawRecordWriter.record(RawRecordWriter.HANDSHAKE, new byte[16]);
            long deadline = start + WAIT.toNanos();
            while (server.endings().isEmpty() && System.nanoTime() < deadline && client.write(fragment)) {
                Thread.sleep(20);
            }
            assertClosedInTime(server, client.readUntilEnd(WAIT), start);
        }
    }

    /**
     * Random junk into the TLS port as fast as the server takes it, up to 1 GiB or until the server
     * ends the connection: it must end it at once, then still serve a client, with no descriptor left.
     *
     * @throws Exception when the server or the raw client cannot start, or a wait is interrupted
     */
    @Test
    public void junkIsRefusedQuicklyAndTheServerStillServes() throws Exception {
        try (EchoServer server = echoServer()) {
            assertServesAClient(server);
            List<String> descriptors = ConnectionFleet.openFileDescriptors();
            long sent = 0;
            long start = System.nanoTime();
            try (RawRecordWriter client = new RawRecordWriter(server.port())) {
                byte[] junk = new byte[JUNK_CHUNK];
                new Random(9).nextBytes(junk);
                long deadline = start + WAIT.toNanos();
                while (sent < JUNK_LIMIT && System.nanoTime() < deadline && client.write(junk)) {
                    sent += junk.length;
                }
                assertThat(client.readUntilEnd(WAIT).ended()).as("server ended the junk connection").isTrue();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("ms until the server ended the junk connection (%d bytes sent)", sent)
                    .isLessThan(CLOSE_SLACK_MILLIS);
            assertThat(server.awaitEndings(2, WAIT).get(1).reason()).as("the junk connection's end")
                    .isEqualTo(CloseReason.ERROR);
            assertServesAClient(server);
            assertDescriptorsBackTo(descriptors);
        }
    }

    /**
     * NIO frees a closed channel's descriptor at its selector's next select: the server's loop turns
     * at least every few hundred ms, so this waits up to {@link #WAIT} for the count to come back.
     */
    private static void assertDescriptorsBackTo(List<String> before) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> now = ConnectionFleet.openFileDescriptors();
        while (now.size() > before.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = ConnectionFleet.openFileDescriptors();
        }
        assertThat(now.size()).as("descriptors after the attack: %s, before: %s", now, before)
                .isLessThanOrEqualTo(before.size());
    }

    /** Sends a record of {@code length} zero bytes; expects record_overflow, the end, and a server that still serves. */
    private void assertRecordOverflow(EchoServer server, RawRecordWriter client, int length) throws Exception {
        client.write(RawRecordWriter.header(RawRecordWriter.HANDSHAKE, length));
        client.write(new byte[length]);
        RawRecordWriter.Received received = client.readUntilEnd(WAIT);
        assertThat(received.ended()).as("server closed: %s", received).isTrue();
        assertThat(received.holdsPlaintextAlert(RECORD_OVERFLOW)).as("record_overflow alert in %s; server %s",
                received, server.endings()).isTrue();
        assertThat(server.awaitEndings(1, WAIT)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(CloseReason.ERROR));
        assertServesAClient(server);
    }

    private static void assertClosedInTime(EchoServer server, RawRecordWriter.Received received, long start)
            throws InterruptedException {
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(received.ended()).as("server closed: %s", received).isTrue();
        assertThat(millis).as("ms until the server closed").isLessThan(HANDSHAKE_TIMEOUT.toMillis() + CLOSE_SLACK_MILLIS);
        List<EchoServer.Ending> endings = server.awaitEndings(1, WAIT);
        assertThat(endings).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(CloseReason.ERROR));
    }

    private EchoServer echoServer() throws TlsException {
        return echoServer(HANDSHAKE_TIMEOUT);
    }

    private EchoServer echoServer(Duration handshakeTimeout) throws TlsException {
        TlsContext context = serverContext(pki.serverConfig(pki.server()).build());
        return new EchoServer(Options.defaults().withTls(context).withHandshakeTimeout(handshakeTimeout));
    }

    /** A well-behaved client of the same provider gets its bytes echoed. */
    private void assertServesAClient(EchoServer server) throws TlsException {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        try (TlsContext context = clientContext(pki.clientConfig().build()); Manager client = new Manager()) {
            EventLog log = new EventLog();
            client.connect("tls://127.0.0.1:" + server.port(), Options.defaults().withTls(context), (c, e) -> {
                log.record(e);
                if (e instanceof Event.TlsHandshake) {
                    c.send(ping);
                } else if (log.bytes() == ping.length && !log.isClosed()) {
                    c.close();
                }
            });
            ScenarioRunner.pollUntil(client, log::isClosed, () -> "expected an echo and a close; " + log);
            assertThat(log.bytes()).as("echoed bytes; %s; server endings %s", log, server.endings())
                    .isEqualTo(ping.length);
        }
    }
}
