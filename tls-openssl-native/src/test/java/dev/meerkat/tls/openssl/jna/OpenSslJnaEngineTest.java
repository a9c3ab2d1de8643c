package dev.meerkat.tls.openssl.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.CloseReason;
import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsResult;
import dev.meerkat.tls.TlsResult.Status;
import dev.meerkat.tls.TlsSession;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.TestPki;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engine pairs with openssl-jna on at least one side (openssl-jna with itself, and with jdk in both
 * directions), TLS 1.2 and 1.3, in memory: handshake, bulk data, and how the end of input is
 * classified on the openssl-jna side.
 */
class OpenSslJnaEngineTest {

    static final String JNA = OpenSslJnaProvider.NAME;
    static final String JDK = "jdk";
    private static final int MIB = 1024 * 1024;

    /** Client provider, server provider, version. */
    static Stream<Arguments> pairs() {
        List<Arguments> all = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            all.add(Arguments.of(JNA, JNA, version));
            all.add(Arguments.of(JNA, JDK, version));
            all.add(Arguments.of(JDK, JNA, version));
        }
        return all.stream();
    }

    /** The openssl-jna side receives; the sender is either provider. */
    static Stream<Arguments> receivers() {
        List<Arguments> all = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            all.add(Arguments.of(JNA, JNA, version));
            all.add(Arguments.of(JNA, JDK, version));
        }
        return all.stream();
    }

    static EnginePair pair(String clientProvider, String serverProvider, TlsVersion version) throws TlsException {
        TestPki pki = TestPki.get();
        TlsConfig client = pki.clientConfig().versions(version).build();
        TlsConfig server = pki.serverConfig(pki.server()).versions(version).build();
        return EnginePair.of(clientProvider, client, serverProvider, server);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairs")
    void completesHandshakeAndReportsTheSession(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            TlsSession clientSession = pair.client.engine.session();
            TlsSession serverSession = pair.server.engine.session();
            assertThat(clientSession.version()).isEqualTo(version);
            assertThat(serverSession.version()).isEqualTo(version);
            assertThat(clientSession.cipherSuite()).isEqualTo(serverSession.cipherSuite()).startsWith("TLS_");
            assertThat(clientSession.peerCertificates()).isEqualTo(TestPki.get().server().chain());
            assertThat(serverSession.peerCertificates()).isEmpty();
            assertThat(clientSession.applicationProtocol()).isNull();
            assertThat(clientSession.resumed()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairs")
    void movesOneMebibyteEachWayIntact(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        byte[] fromClient = randomBytes(MIB, 1);
        byte[] fromServer = randomBytes(MIB, 2);
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            pair.client.send(fromClient);
            pair.server.send(fromServer);
            pair.pumpUntilQuiet();
            assertThat(sha256(pair.server.received.toByteArray())).isEqualTo(sha256(fromClient));
            assertThat(sha256(pair.client.received.toByteArray())).isEqualTo(sha256(fromServer));
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("receivers")
    void classifiesCloseNotifyAsCleanAfterTheDataBeforeIt(String clientProvider, String serverProvider,
                                                          TlsVersion version) throws Exception {
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            pair.server.send(bytes("last words"));
            pair.server.flush();
            pair.server.engine.closeOutbound();
            pair.server.flush();
            assertThat(pair.server.engine.isOutboundDone()).isTrue();

            pair.client.receiveFrom(pair.server);

            assertThat(pair.client.received.toString(StandardCharsets.US_ASCII)).isEqualTo("last words");
            assertThat(pair.client.lastUnwrap.status()).isEqualTo(Status.CLOSED);
            assertThat(pair.client.engine.isInboundDone()).isTrue();
            assertThat(pair.client.engine.inputEnded(ByteBuffer.allocate(0))).isEqualTo(CloseReason.CLEAN);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("receivers")
    void classifiesEndAfterWholeRecordsAsNoCloseNotify(String clientProvider, String serverProvider,
                                                       TlsVersion version) throws Exception {
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            pair.server.send(randomBytes(40_000, 3));
            pair.server.flush();
            pair.client.receiveFrom(pair.server);

            assertThat(pair.client.received.size()).isEqualTo(40_000);
            assertThat(pair.client.engine.inputEnded(ByteBuffer.allocate(0)))
                    .isEqualTo(CloseReason.TRUNCATED_NO_CLOSE_NOTIFY);
            assertThat(pair.client.engine.isInboundDone()).isFalse();
        }
    }

    /** Cuts inside the header, right after it, inside the body, and one byte short of the last record. */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("receivers")
    void classifiesEndInsideARecordAsPartialRecord(String clientProvider, String serverProvider,
                                                   TlsVersion version) throws Exception {
        for (int kept : new int[] {1, 3, 5, 6, -1}) {
            try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
                pair.server.send(bytes("first record"));
                pair.server.flush();
                byte[] first = pair.server.takeSent();
                pair.server.send(bytes("second record, cut short"));
                pair.server.flush();
                byte[] second = pair.server.takeSent();

                int cut = kept > 0 ? kept : second.length - 1;
                pair.client.receive(ByteBuffer.wrap(concat(first, Arrays.copyOf(second, cut))));

                assertThat(pair.client.received.toString(StandardCharsets.US_ASCII)).isEqualTo("first record");
                assertThat(pair.client.lastUnwrap.status()).isEqualTo(Status.NEEDS_INPUT);
                assertThat(pair.client.engine.inputEnded(ByteBuffer.allocate(0)))
                        .as("end after %d of %d bytes of the last record", cut, second.length)
                        .isEqualTo(CloseReason.TRUNCATED_PARTIAL_RECORD);
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("receivers")
    void classifiesLeftoverBytesAsPartialRecord(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            assertThat(pair.client.engine.inputEnded(ByteBuffer.wrap(new byte[] {23, 3, 3})))
                    .isEqualTo(CloseReason.TRUNCATED_PARTIAL_RECORD);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairs")
    void rejectsGarbageInsteadOfAServerHelloAsProtocolError(String clientProvider, String serverProvider,
                                                            TlsVersion version) throws Exception {
        try (EnginePair pair = pair(clientProvider, serverProvider, version)) {
            pair.client.flush();
            byte[] garbage = bytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            TlsException failure = receiveExpectingFailure(JNA.equals(clientProvider) ? pair.client : pair.server, garbage);
            assertThat(failure.kind()).isEqualTo(TlsException.Kind.PROTOCOL);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("receivers")
    void rejectsATamperedRecordAsProtocolError(String clientProvider, String serverProvider, TlsVersion version)
            throws Exception {
        try (EnginePair pair = pair(clientProvider, serverProvider, version).handshake()) {
            pair.server.send(bytes("integrity matters"));
            pair.server.flush();
            byte[] record = pair.server.takeSent();
            record[record.length - 1] ^= 1;

            TlsException failure = receiveExpectingFailure(pair.client, record);

            assertThat(failure.kind()).isEqualTo(TlsException.Kind.PROTOCOL);
            assertThat(failure.getMessage()).contains("bad record mac");
            assertThat(pair.client.engine.wantsWrap()).as("a fatal alert to send").isTrue();
            assertThatThrownBy(() -> pair.client.receive(ByteBuffer.allocate(0))).isSameAs(failure);
        }
    }

    /** Bounded buffering: with room for one record, unwrap must not pull 100 KB of ciphertext into OpenSSL. */
    @Test
    void takesNoMoreCiphertextThanItCanDecryptIntoTheOutput() throws Exception {
        try (EnginePair pair = pair(JNA, JNA, TlsVersion.TLS_1_3).handshake()) {
            pair.server.send(randomBytes(100_000, 4));
            pair.server.flush();
            ByteBuffer ciphertext = ByteBuffer.wrap(pair.server.takeSent());
            ByteBuffer out = ByteBuffer.allocate(OpenSslJnaEngine.MAX_PLAINTEXT);

            TlsResult result = pair.client.engine.unwrap(ciphertext, out);

            assertThat(result.produced()).isEqualTo(OpenSslJnaEngine.MAX_PLAINTEXT);
            assertThat(result.consumed()).as("ciphertext taken for one record of plaintext")
                    .isLessThanOrEqualTo(2 * (5 + OpenSslJnaEngine.MAX_PLAINTEXT + 256));
            pair.client.receive(ciphertext);
            assertThat(pair.client.received.size() + out.position()).isEqualTo(100_000);
        }
    }

    private static TlsException receiveExpectingFailure(EnginePair.Side side, byte[] bytes) {
        try {
            side.receive(ByteBuffer.wrap(bytes));
        } catch (TlsException e) {
            return e;
        }
        throw new AssertionError("expected " + side.name + " to reject " + bytes.length + " bytes but it accepted them");
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
