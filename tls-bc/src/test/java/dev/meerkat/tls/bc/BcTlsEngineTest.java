package dev.meerkat.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.conformance.TestPki;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine contract, in memory: bc against bc and against jdk both ways, TLS 1.2 and 1.3. */
class BcTlsEngineTest {

    private static final int MIB = 1024 * 1024;

    static Stream<Pairing> pairings() {
        return Pairing.all();
    }

    private static EnginePair connected(Pairing pairing) throws TlsException {
        TestPki pki = TestPki.get();
        TlsContext client = pairing.client(pki.clientConfig());
        TlsContext server = pairing.server(pki.serverConfig(pki.server()));
        EnginePair pair = EnginePair.of(client, server);
        pair.handshake();
        return pair;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void handshakeReportsTheNegotiatedSession(Pairing pairing) throws Exception {
        EnginePair pair = connected(pairing);

        TlsSession client = pair.client.engine.session();
        TlsSession server = pair.server.engine.session();
        assertThat(client.provider()).isEqualTo(pairing.clientProvider());
        assertThat(client.protocol()).isEqualTo(pairing.version().protocolName());
        assertThat(server.protocol()).isEqualTo(pairing.version().protocolName());
        assertThat(client.cipherSuite()).isEqualTo(server.cipherSuite()).contains("_GCM_");
        assertThat(client.peerCertificates()).first().isEqualTo(TestPki.get().server().leaf());
        assertThat(server.peerCertificates()).isEmpty();
        assertThat(client.resumed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void transfersOneMebibyteEachWayIntact(Pairing pairing) throws Exception {
        EnginePair pair = connected(pairing);
        byte[] up = randomBytes(MIB, 1);
        byte[] down = randomBytes(MIB, 2);
        pair.client.send(up);
        pair.server.send(down);

        pair.pump();

        assertThat(pair.server.receivedBytes).isEqualTo(MIB);
        assertThat(pair.server.received.digest()).isEqualTo(sha256(up));
        assertThat(pair.client.receivedBytes).isEqualTo(MIB);
        assertThat(pair.client.received.digest()).isEqualTo(sha256(down));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void deliversDataSentWithCloseNotifyThenReportsClean(Pairing pairing) throws Exception {
        EnginePair pair = connected(pairing);
        byte[] data = randomBytes(100_000, 3);
        pair.client.send(data);
        ByteBuffer wire = pair.client.wrapAll();
        pair.client.engine.closeOutbound();
        wire = concat(wire, pair.client.wrapAll());

        pair.server.unwrapAll(wire);

        assertThat(pair.client.engine.isOutboundDone()).isTrue();
        assertThat(pair.server.received.digest()).isEqualTo(sha256(data));
        assertThat(pair.server.sawClosed).isTrue();
        assertThat(pair.server.engine.isInboundDone()).isTrue();
        assertThat(pair.server.engine.inputEnded(wire)).isEqualTo(CloseReason.CLEAN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void readsThePeersLastRecordsAfterOurCloseNotify(Pairing pairing) throws Exception {
        EnginePair pair = connected(pairing);
        pair.client.engine.closeOutbound();
        pair.server.unwrapAll(pair.client.wrapAll());
        byte[] reply = randomBytes(20_000, 4);
        pair.server.send(reply);
        pair.server.engine.closeOutbound();
        ByteBuffer wire = pair.server.wrapAll();

        pair.client.unwrapAll(wire);

        assertThat(pair.client.failure).isNull();
        assertThat(pair.client.engine.inputEnded(wire)).isEqualTo(CloseReason.CLEAN);
        assertThat(pair.client.receivedBytes).isLessThanOrEqualTo(reply.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void reportsInputEndingWithoutCloseNotify(Pairing pairing) throws Exception {
        EnginePair pair = connected(pairing);
        byte[] data = randomBytes(40_000, 5);
        pair.server.send(data);
        ByteBuffer wire = pair.server.wrapAll();

        pair.client.unwrapAll(wire);

        assertThat(pair.client.received.digest()).isEqualTo(sha256(data));
        assertThat(pair.client.engine.inputEnded(wire)).isEqualTo(CloseReason.TRUNCATED_NO_CLOSE_NOTIFY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void reportsInputEndingInsideARecord(Pairing pairing) throws Exception {
        EnginePair pair = connected(pairing);
        byte[] data = randomBytes(40_000, 6);
        pair.server.send(data);
        ByteBuffer wire = pair.server.wrapAll();
        wire.limit(wire.limit() - 3);

        pair.client.unwrapAll(wire);

        assertThat(pair.client.failure).isNull();
        assertThat(pair.client.receivedBytes).isLessThan(data.length);
        assertThat(pair.client.engine.inputEnded(wire)).isEqualTo(CloseReason.TRUNCATED_PARTIAL_RECORD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void rejectsPlaintextHttpAsProtocolError(Pairing pairing) throws Exception {
        TestPki pki = TestPki.get();
        EnginePair pair = EnginePair.of(pairing.client(pki.clientConfig()), pairing.server(pki.serverConfig(pki.server())));
        ByteBuffer garbage = ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        pair.server.unwrapAll(garbage);

        assertThat(pair.server.failure).isNotNull();
        assertThat(pair.server.failure.kind()).isEqualTo(TlsException.Kind.PROTOCOL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void rejectsACorruptedRecordAsProtocolErrorAndSendsAnAlert(Pairing pairing) throws Exception {
        EnginePair pair = connected(pairing);
        pair.client.send(randomBytes(1000, 7));
        ByteBuffer wire = pair.client.wrapAll();
        wire.put(wire.limit() - 20, (byte) (wire.get(wire.limit() - 20) ^ 0x55));

        pair.server.unwrapAll(wire);

        assertThat(pair.server.failure).isNotNull();
        assertThat(pair.server.failure.kind()).isEqualTo(TlsException.Kind.PROTOCOL);
        assertThat(pair.server.engine.wantsWrap()).isTrue();
        pair.client.unwrapAll(pair.server.wrapAll());
        assertThat(pair.client.failure).isNotNull();
        assertThat(pair.client.failure.kind()).isEqualTo(TlsException.Kind.PEER_ALERT);
    }

    /** Data records and close_notify in one buffer, as one TCP segment would bring them. */
    static ByteBuffer concat(ByteBuffer first, ByteBuffer second) {
        return ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second).flip();
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] sha256(byte[] data) {
        MessageDigest digest = EnginePair.sha256();
        return digest.digest(data);
    }
}
