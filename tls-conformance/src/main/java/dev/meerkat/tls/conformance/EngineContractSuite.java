package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.TlsResult.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link dev.meerkat.tls.spi.TlsEngine} contract in memory, the same for every provider: the
 * provider under test against itself and against {@link #peerName()} in both directions, TLS 1.2 and
 * 1.3, on an {@link EnginePair}. A backend module subclasses it in a few lines, beside the socket-level
 * {@link TlsConformanceSuite}, and keeps only its provider-specific engine cases:
 *
 * <pre>{@code
 * class JdkEngineContractTest extends EngineContractSuite {
 *     @Override protected String providerName() { return "jdk"; }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineContractSuite {

    private static final int ONE_MIB = 1 << 20;

    /** For subclasses: a backend names its provider in a few lines. */
    protected EngineContractSuite() {
    }

    /**
     * The provider under test. It must be available: an unavailable provider fails, it does not skip.
     *
     * @return the provider's name, as {@link dev.meerkat.tls.TlsProviders#named} takes it
     */
    protected abstract String providerName();

    /**
     * The reference provider it is paired with.
     *
     * @return the peer's provider name, "jdk" by default
     */
    protected String peerName() {
        return "jdk";
    }

    /** The provider against itself and against the peer, both ways, every version. */
    Stream<Pairing> pairings() {
        return Pairing.all(providerName(), peerName());
    }

    /**
     * Proves that the handshake completes and both sessions agree: the provider's name, the
     * version, one GCM cipher suite by its IANA name, the server's chain on the client, no client
     * certificate, no ALPN, no resumption.
     *
     * @param pairing which provider plays client and which server, and the TLS version
     * @throws TlsException when an engine fails where the case expects it not to
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    public void completesTheHandshakeAndDescribesTheSession(Pairing pairing) throws TlsException {
        try (EnginePair pair = pairing.connected()) {
            TlsSession client = pair.client.engine.session();
            TlsSession server = pair.server.engine.session();
            assertThat(client.provider()).isEqualTo(pairing.clientProvider());
            assertThat(client.version()).isEqualTo(pairing.version());
            assertThat(server.version()).isEqualTo(pairing.version());
            assertThat(server.protocol()).isEqualTo(pairing.version().protocolName());
            assertThat(client.cipherSuite()).isEqualTo(server.cipherSuite())
                    .startsWith("TLS_").contains("_GCM_").doesNotContain("-");
            assertThat(client.peerCertificates()).isEqualTo(TestPki.get().server().chain());
            assertThat(server.peerCertificates()).isEmpty();
            assertThat(client.applicationProtocol()).isNull();
            assertThat(client.resumed()).isFalse();
        }
    }

    /**
     * Proves that 1 MiB each way arrives intact (same length and SHA-256) through wrap and unwrap.
     *
     * @param pairing which provider plays client and which server, and the TLS version
     * @throws TlsException when an engine fails where the case expects it not to
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    public void carriesOneMebibyteEachWayIntact(Pairing pairing) throws TlsException {
        Payload up = Payload.random(ONE_MIB, 1);
        Payload down = Payload.random(ONE_MIB, 2);
        try (EnginePair pair = pairing.connected()) {
            pair.client.send(up.bytes());
            pair.server.send(down.bytes());
            pair.pumpUntilQuiet();
            assertThat(pair.server.received.size()).isEqualTo(ONE_MIB);
            assertThat(pair.server.receivedSha256()).isEqualTo(up.sha256());
            assertThat(pair.client.received.size()).isEqualTo(ONE_MIB);
            assertThat(pair.client.receivedSha256()).isEqualTo(down.sha256());
        }
    }

    /**
     * Proves that data and close_notify unwrapped from one input deliver every byte, then CLOSED,
     * and the end is CLOSE_NOTIFY. Mongoose issues 2570 and 3104: data in the same input as
     * close_notify was lost.
     *
     * @param pairing which provider plays client and which server, and the TLS version
     * @throws TlsException when an engine fails where the case expects it not to
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    public void deliversTheDataBeforeCloseNotifyThenEndsClean(Pairing pairing) throws TlsException {
        Payload data = Payload.random(100_000, 3);
        try (EnginePair pair = pairing.connected()) {
            pair.server.send(data.bytes());
            pair.server.flush();
            pair.server.engine.closeOutbound();
            pair.server.flush();
            assertThat(pair.server.engine.isOutboundDone()).isTrue();

            pair.client.receiveFrom(pair.server);

            assertThat(pair.client.receivedSha256()).isEqualTo(data.sha256());
            assertThat(pair.client.lastUnwrap.status()).isEqualTo(Status.CLOSED);
            assertThat(pair.client.engine.isInboundDone()).isTrue();
            assertThat(pair.client.engine.inputEnded(ByteBuffer.allocate(0))).isEqualTo(InputEnd.CLOSE_NOTIFY);
        }
    }

    /**
     * Proves that input ending after whole records, without close_notify, delivers every byte and
     * is BETWEEN_RECORDS.
     *
     * @param pairing which provider plays client and which server, and the TLS version
     * @throws TlsException when an engine fails where the case expects it not to
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    public void classifiesAnEndAfterWholeRecordsAsTruncatedWithoutCloseNotify(Pairing pairing) throws TlsException {
        Payload data = Payload.random(40_000, 4);
        try (EnginePair pair = pairing.connected()) {
            pair.server.send(data.bytes());
            pair.server.flush();
            pair.client.receiveFrom(pair.server);

            assertThat(pair.client.receivedSha256()).isEqualTo(data.sha256());
            assertThat(pair.client.engine.inputEnded(ByteBuffer.allocate(0)))
                    .isEqualTo(InputEnd.BETWEEN_RECORDS);
            assertThat(pair.client.engine.isInboundDone()).isFalse();
        }
    }

    /**
     * Proves that input ending inside a record delivers the whole records before it and is
     * INSIDE_RECORD. After a whole record, the input stops inside the header of the next one (1, 3
     * bytes), right after it (5), inside the body (6, 100) and one byte short of its end. Whatever
     * the engine did not take is the leftover it is told about.
     *
     * @param pairing which provider plays client and which server, and the TLS version
     * @throws TlsException when an engine fails where the case expects it not to
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    public void classifiesAnEndInsideARecordAsPartialAfterDeliveringTheWholeOnes(Pairing pairing)
            throws TlsException {
        for (int kept : new int[] {1, 3, 5, 6, 100, -1}) {
            try (EnginePair pair = pairing.connected()) {
                pair.server.send(ascii("first record"));
                pair.server.flush();
                byte[] first = pair.server.takeSent();
                pair.server.send(Payload.random(1_000, kept).bytes());
                pair.server.flush();
                byte[] second = pair.server.takeSent();
                int cut = kept > 0 ? kept : second.length - 1;
                ByteBuffer input = ByteBuffer.wrap(concat(first, Arrays.copyOf(second, cut)));

                pair.client.receive(input);

                assertThat(pair.client.received.toString(StandardCharsets.US_ASCII)).isEqualTo("first record");
                assertThat(pair.client.lastUnwrap.status()).isEqualTo(Status.NEEDS_INPUT);
                assertThat(pair.client.engine.inputEnded(input))
                        .as("end after %d of %d bytes of the last record", cut, second.length)
                        .isEqualTo(InputEnd.INSIDE_RECORD);
            }
        }
    }

    /**
     * Proves that a server engine given an HTTP request instead of a ClientHello fails with kind
     * PROTOCOL.
     *
     * @param pairing which provider plays client and which server, and the TLS version
     * @throws TlsException when an engine fails where the case expects it not to
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    public void rejectsPlaintextInsteadOfAClientHelloAsAProtocolError(Pairing pairing) throws TlsException {
        try (EnginePair pair = pairing.pair()) {
            ByteBuffer garbage = ByteBuffer.wrap(ascii("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));

            TlsException failure = pair.server.expectFailure(() -> pair.server.receive(garbage));

            assertThat(failure.kind()).isEqualTo(TlsException.Kind.PROTOCOL);
        }
    }

    /**
     * Proves that a record with one bit flipped fails with kind PROTOCOL. The receiver rejects the
     * record, delivers none of it, and its fatal alert reaches the sender.
     *
     * @param pairing which provider plays client and which server, and the TLS version
     * @throws TlsException when an engine fails where the case expects it not to
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    public void rejectsACorruptedRecordAsAProtocolErrorAndAlertsThePeer(Pairing pairing) throws TlsException {
        try (EnginePair pair = pairing.connected()) {
            pair.client.send(Payload.random(1_000, 5).bytes());
            pair.client.flush();
            ByteBuffer record = pair.client.toPeer.flip();
            record.put(record.limit() - 1, (byte) (record.get(record.limit() - 1) ^ 1));

            TlsException failure = pair.server.expectFailure(() -> pair.server.receive(record));

            assertThat(failure.kind()).isEqualTo(TlsException.Kind.PROTOCOL);
            assertThat(pair.server.received.size()).isZero();
            assertThat(pair.server.engine.wantsWrap()).as("the fatal alert is pending").isTrue();
            pair.server.tryStep(pair.server::flush, true);
            assertThatThrownBy(() -> pair.client.receiveFrom(pair.server)).isInstanceOfSatisfying(TlsException.class,
                    e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.PEER_ALERT));
        }
    }

    /**
     * Proves that ALPN picks the server's preference, on both sides. RFC 7301 section 3.2: the
     * server picks by its own preference among what the client offers.
     *
     * @param pairing which provider plays client and which server, and the TLS version
     * @throws TlsException when an engine fails where the case expects it not to
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    public void agreesOnTheServersPreferredApplicationProtocol(Pairing pairing) throws TlsException {
        TestPki pki = TestPki.get();
        try (EnginePair pair = pairing.pair(pki.clientConfig().alpn("h2", "http/1.1"),
                pki.serverConfig(pki.server()).alpn("http/1.1", "h2")).handshake()) {
            assertThat(pair.client.engine.session().applicationProtocol()).isEqualTo("http/1.1");
            assertThat(pair.server.engine.session().applicationProtocol()).isEqualTo("http/1.1");
        }
    }

    /**
     * Proves that SNI selects the server's certificate. The server picks its certificate by the SNI
     * name, case-insensitively; without a match, its default.
     *
     * @param pairing which provider plays client and which server, and the TLS version
     * @throws TlsException when an engine fails where the case expects it not to
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    public void presentsTheCertificateForTheRequestedServerName(Pairing pairing) throws TlsException {
        TestPki pki = TestPki.get();
        var server = pki.serverConfig(pki.server()).sniKeyMaterial("Wrong.Example", pki.wrongHost());
        try (EnginePair pair = pairing.pair(pki.clientConfig().serverName("wrong.example"), server).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(pki.wrongHost().leaf());
        }
        try (EnginePair pair = pairing.pair(pki.clientConfig(), server).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(pki.server().leaf());
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
