package dev.meerkat.tls.openssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsResult.Status;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.TestPki;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In-memory engine pairs openssl-openssl, openssl-jdk and jdk-openssl, over TLS 1.2 and 1.3: the
 * handshake, bulk data both ways, and how the end of input is classified.
 */
class OpenSslEngineTest {

    private static final int ONE_MIB = 1 << 20;

    static Stream<Arguments> pairings() {
        List<Arguments> all = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            all.add(Arguments.of("openssl", "openssl", version));
            all.add(Arguments.of("openssl", "jdk", version));
            all.add(Arguments.of("jdk", "openssl", version));
        }
        return all.stream();
    }

    private static EnginePair pair(String clientProvider, String serverProvider, TlsVersion version,
                                   String... alpn) throws TlsException {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).alpn(alpn).build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).alpn(alpn).build();
        return new EnginePair(clientProvider, client, serverProvider, server);
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairings")
    void completesHandshakeAndReportsTheSession(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            TlsSession session = pair.client.engine.session();
            assertThat(session.version()).isEqualTo(version);
            assertThat(session.provider()).isEqualTo(clientProvider);
            assertThat(session.cipherSuite()).startsWith("TLS_").contains("_GCM_").doesNotContain("-");
            assertThat(session.cipherSuite()).isEqualTo(pair.server.engine.session().cipherSuite());
            assertThat(session.peerCertificates()).hasSize(2);
            assertThat(session.peerCertificates().get(0)).isEqualTo(TestPki.get().server().leaf());
            assertThat(session.applicationProtocol()).isNull();
            assertThat(pair.server.engine.session().peerCertificates()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairings")
    void carriesOneMebibyteEachWayIntact(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        byte[] up = randomBytes(ONE_MIB, 1);
        byte[] down = randomBytes(ONE_MIB, 2);
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            pair.client.send(up);
            pair.server.send(down);
            pair.pumpUntilReceived(ONE_MIB, ONE_MIB);
            assertThat(sha256(pair.server.received.toByteArray())).isEqualTo(sha256(up));
            assertThat(sha256(pair.client.received.toByteArray())).isEqualTo(sha256(down));
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairings")
    void deliversDataThatArrivesWithCloseNotifyThenEndsClean(String clientProvider, String serverProvider,
                                                            TlsVersion version) throws Exception {
        byte[] data = "last words before close_notify".getBytes(StandardCharsets.US_ASCII);
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            pair.server.send(data);
            pair.server.flush();
            pair.server.engine.closeOutbound();
            pair.server.flush();
            assertThat(pair.server.engine.isOutboundDone()).isTrue();
            pair.client.receiveFrom(pair.server);
            assertThat(pair.client.received.toByteArray()).isEqualTo(data);
            assertThat(pair.client.lastUnwrap.status()).isEqualTo(Status.CLOSED);
            assertThat(pair.client.engine.isInboundDone()).isTrue();
            assertThat(pair.client.engine.inputEnded(ByteBuffer.allocate(0))).isEqualTo(CloseReason.CLEAN);
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairings")
    void classifiesEndAfterWholeRecordsAsTruncated(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        byte[] data = randomBytes(40_000, 3);
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            pair.server.send(data);
            pair.server.flush();
            pair.client.receiveFrom(pair.server);
            assertThat(pair.client.received.toByteArray()).isEqualTo(data);
            assertThat(pair.client.engine.inputEnded(ByteBuffer.allocate(0)))
                    .isEqualTo(CloseReason.TRUNCATED_NO_CLOSE_NOTIFY);
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairings")
    void classifiesEndInsideARecordAsPartial(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        for (int cut : new int[] {3, 5, 100}) {
            try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
                pair.server.send(randomBytes(1_000, cut));
                pair.server.flush();
                ByteBuffer ciphertext = pair.server.toPeer.flip();
                ciphertext.limit(cut);
                pair.client.unwrapAll(ciphertext);
                assertThat(pair.client.engine.inputEnded(ciphertext))
                        .as("input cut after %d bytes of a record", cut)
                        .isEqualTo(CloseReason.TRUNCATED_PARTIAL_RECORD);
            }
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairings")
    void rejectsPlaintextGarbageAsProtocolError(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        try (EnginePair pair = pair(clientProvider, serverProvider, version)) {
            ByteBuffer garbage = ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> pair.server.unwrapAll(garbage))
                    .isInstanceOfSatisfying(TlsException.class,
                            e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.PROTOCOL));
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairings")
    void rejectsACorruptedRecordAfterTheHandshakeAsProtocolError(String clientProvider, String serverProvider,
                                                                 TlsVersion version) throws Exception {
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            pair.client.send(randomBytes(100, 4));
            pair.client.flush();
            ByteBuffer record = pair.client.toPeer.flip();
            record.put(record.limit() - 1, (byte) (record.get(record.limit() - 1) ^ 1));
            assertThatThrownBy(() -> pair.server.unwrapAll(record))
                    .isInstanceOfSatisfying(TlsException.class,
                            e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.PROTOCOL));
            assertThat(pair.server.received.size()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairings")
    void agreesOnTheServersPreferredCommonAlpnProtocol(String clientProvider, String serverProvider,
                                                       TlsVersion version) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).alpn("h2", "http/1.1").build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).alpn("http/1.1").build();
        try (EnginePair pair = new EnginePair(clientProvider, client, serverProvider, server).handshake()) {
            assertThat(pair.client.engine.session().applicationProtocol()).isEqualTo("http/1.1");
            assertThat(pair.server.engine.session().applicationProtocol()).isEqualTo("http/1.1");
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairings")
    void serverPresentsTheCertificateRegisteredForTheSniName(String clientProvider, String serverProvider,
                                                             TlsVersion version) throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).serverName("wrong.example").build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version)
                .sniKeyMaterial("wrong.example", pki.wrongHost()).build();
        try (EnginePair pair = new EnginePair(clientProvider, client, serverProvider, server).handshake()) {
            assertThat(pair.client.engine.session().peerCertificates().get(0)).isEqualTo(pki.wrongHost().leaf());
        }
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
