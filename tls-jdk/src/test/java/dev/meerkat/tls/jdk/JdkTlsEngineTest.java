package dev.meerkat.tls.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProviders;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.TestPki;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.TlsEngine;
import dev.meerkat.tls.spi.TlsResult;
import dev.meerkat.tls.spi.TlsResult.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine contract of {@link dev.meerkat.tls.spi.TlsEngine}, checked on an in-memory engine pair. */
class JdkTlsEngineTest {

    static TlsConfig clientConfig(TlsVersion version) {
        return TestPki.get().clientConfig().versions(version).build();
    }

    static TlsConfig serverConfig(TlsVersion version) {
        return TestPki.get().serverConfig(TestPki.get().server()).versions(version).build();
    }

    static EnginePair pair(TlsConfig client, TlsConfig server) throws TlsException {
        return EnginePair.of(JdkTlsProvider.NAME, client, JdkTlsProvider.NAME, server);
    }

    static EnginePair connected(TlsVersion version) throws TlsException {
        return pair(clientConfig(version), serverConfig(version)).handshake();
    }

    @Test
    void hasNoSessionBeforeTheHandshake() throws Exception {
        try (EnginePair pair = pair(clientConfig(TlsVersion.TLS_1_3), serverConfig(TlsVersion.TLS_1_3))) {
            assertThat(pair.client.engine.session()).isNull();
            assertThat(pair.client.engine.isHandshakeComplete()).isFalse();
            assertThat(pair.client.engine.wantsWrap()).as("client must send its ClientHello").isTrue();
            assertThat(pair.server.engine.wantsWrap()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void resumesTheSessionOfAnEarlierConnectionToTheSameHost(TlsVersion version) throws Exception {
        try (TlsContext clientContext = TlsProviders.named("jdk").newContext(clientConfig(version));
             TlsContext serverContext = TlsProviders.named("jdk").newContext(serverConfig(version));
             EnginePair first = EnginePair.on(clientContext, serverContext).handshake()) {
            first.server.send(bytes("ticket carrier"));
            first.pump();
            Thread.sleep(5); // session creation times have millisecond resolution
            try (EnginePair second = EnginePair.on(clientContext, serverContext).handshake()) {
                assertThat(first.client.engine.session().resumed()).isFalse();
                assertThat(first.server.engine.session().resumed()).isFalse();
                assertThat(second.client.engine.session().resumed()).isTrue();
                assertThat(second.server.engine.session().resumed()).isTrue();
                assertThat(second.client.engine.session().peerCertificates()).isNotEmpty();
            }
        }
    }

    /** HTTP asks at every event; a server's SSLSession throws at each look for an absent client chain. */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void describesTheSessionOnceWhileTheSslSessionStaysTheSame(TlsVersion version) throws Exception {
        try (EnginePair pair = connected(version)) {
            pair.client.send(bytes("request"));
            pair.pump();

            assertThat(pair.server.engine.session()).isSameAs(pair.server.engine.session());
            assertThat(pair.server.engine.session().peerCertificates()).isEmpty();
            assertThat(pair.client.engine.session()).isSameAs(pair.client.engine.session());
        }
    }

    @Test
    void staysCompleteAfterTheTls13NewSessionTicket() throws Exception {
        try (EnginePair pair = connected(TlsVersion.TLS_1_3)) {
            pair.server.send(bytes("after tickets"));
            pair.pump();

            assertThat(pair.client.engine.isHandshakeComplete()).isTrue();
            assertThat(pair.client.received.toString(StandardCharsets.US_ASCII)).isEqualTo("after tickets");
        }
    }

    /** Mongoose issue 2668: only the first of several records in one TCP segment was processed. */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void deliversEveryRecordOfOneInputInOneUnwrap(TlsVersion version) throws Exception {
        try (EnginePair pair = connected(version)) {
            ByteBuffer records = ByteBuffer.allocate(64 * 1024);
            for (String part : new String[] {"one,", "two,", "three"}) {
                wrapAll(pair.client.engine, part, records);
            }
            records.flip();
            ByteBuffer plaintext = ByteBuffer.allocate(pair.server.engine.plaintextRoom());

            TlsResult result = pair.server.engine.unwrap(records, plaintext);

            assertThat(result).isEqualTo(TlsResult.of(Status.NEEDS_INPUT, records.limit(), 13));
            assertThat(text(plaintext)).isEqualTo("one,two,three");
        }
    }

    /** Mongoose issues 2570 and 3104: data in the same segment as close_notify was lost. */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void returnsDataBeforeClosedWhenCloseNotifySharesTheInput(TlsVersion version) throws Exception {
        try (EnginePair pair = connected(version)) {
            ByteBuffer records = ByteBuffer.allocate(64 * 1024);
            wrapAll(pair.server.engine, "last words", records);
            pair.server.engine.closeOutbound();
            assertThat(pair.server.engine.wrap(ByteBuffer.allocate(0), records).status()).isEqualTo(Status.CLOSED);
            assertThat(pair.server.engine.isOutboundDone()).isTrue();
            records.flip();
            ByteBuffer plaintext = ByteBuffer.allocate(pair.client.engine.plaintextRoom());

            TlsResult first = pair.client.engine.unwrap(records, plaintext);
            TlsResult second = pair.client.engine.unwrap(records, plaintext);

            assertThat(first).isEqualTo(TlsResult.of(Status.OK, records.limit(), 10));
            assertThat(second).isEqualTo(TlsResult.of(Status.CLOSED, 0, 0));
            assertThat(text(plaintext)).isEqualTo("last words");
            assertThat(pair.client.engine.isInboundDone()).isTrue();
            assertThat(pair.client.engine.inputEnded(records)).isEqualTo(InputEnd.CLOSE_NOTIFY);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void returnsClosedAtOnceForABareCloseNotify(TlsVersion version) throws Exception {
        try (EnginePair pair = connected(version)) {
            ByteBuffer records = ByteBuffer.allocate(64 * 1024);
            pair.server.engine.closeOutbound();
            assertThat(pair.server.engine.wantsWrap()).isTrue();
            pair.server.engine.wrap(ByteBuffer.allocate(0), records);
            records.flip();

            TlsResult result = pair.client.engine.unwrap(records, ByteBuffer.allocate(pair.client.engine.plaintextRoom()));

            assertThat(result).isEqualTo(TlsResult.of(Status.CLOSED, records.limit(), 0));
            assertThat(pair.server.engine.wantsWrap()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void classifiesAnEndAfterWholeRecordsAsTruncatedWithoutCloseNotify(TlsVersion version) throws Exception {
        try (EnginePair pair = connected(version)) {
            ByteBuffer records = ByteBuffer.allocate(64 * 1024);
            wrapAll(pair.server.engine, "body", records);
            records.flip();
            ByteBuffer plaintext = ByteBuffer.allocate(pair.client.engine.plaintextRoom());

            assertThat(pair.client.engine.unwrap(records, plaintext).status()).isEqualTo(Status.NEEDS_INPUT);

            assertThat(text(plaintext)).isEqualTo("body");
            assertThat(pair.client.engine.inputEnded(records)).isEqualTo(InputEnd.BETWEEN_RECORDS);
            assertThat(pair.client.engine.isInboundDone()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void classifiesAnEndInsideARecordAsPartialAfterDeliveringTheWholeOnes(TlsVersion version) throws Exception {
        try (EnginePair pair = connected(version)) {
            ByteBuffer records = ByteBuffer.allocate(64 * 1024);
            wrapAll(pair.server.engine, "whole", records);
            wrapAll(pair.server.engine, "cut", records);
            records.flip();
            records.limit(records.limit() - 3);
            ByteBuffer plaintext = ByteBuffer.allocate(pair.client.engine.plaintextRoom());

            TlsResult result = pair.client.engine.unwrap(records, plaintext);

            assertThat(result.status()).isEqualTo(Status.NEEDS_INPUT);
            assertThat(text(plaintext)).isEqualTo("whole");
            assertThat(records.hasRemaining()).as("the cut record stays in the caller's buffer").isTrue();
            assertThat(pair.client.engine.inputEnded(records)).isEqualTo(InputEnd.INSIDE_RECORD);
        }
    }

    @Test
    void asksForOutputRoomWithoutConsumingWhenThePlaintextBufferIsSmall() throws Exception {
        try (EnginePair pair = connected(TlsVersion.TLS_1_3)) {
            ByteBuffer records = ByteBuffer.allocate(64 * 1024);
            wrapAll(pair.server.engine, "x".repeat(1000), records);
            records.flip();

            TlsResult tooSmall = pair.client.engine.unwrap(records, ByteBuffer.allocate(100));
            TlsResult roomy = pair.client.engine.unwrap(records, ByteBuffer.allocate(pair.client.engine.plaintextRoom()));

            assertThat(tooSmall).isEqualTo(TlsResult.of(Status.NEEDS_OUTPUT_ROOM, 0, 0));
            assertThat(roomy).isEqualTo(TlsResult.of(Status.NEEDS_INPUT, records.limit(), 1000));
        }
    }

    @Test
    void wrapsOneRecordPerLoopUntilTheOutputIsFull() throws Exception {
        try (EnginePair pair = connected(TlsVersion.TLS_1_3)) {
            ByteBuffer data = ByteBuffer.wrap(random(100_000, 3));
            ByteBuffer out = ByteBuffer.allocate(40_000);

            TlsResult result = pair.client.engine.wrap(data, out);

            assertThat(result.status()).isEqualTo(Status.NEEDS_OUTPUT_ROOM);
            assertThat(result.consumed()).as("two full records fit in 40000 bytes, not three")
                    .isBetween(2 * 16_000, 2 * 16_384);
            assertThat(result.produced()).isEqualTo(out.position());
            assertThat(out.remaining()).isLessThan(pair.client.engine.plaintextRoom());
        }
    }

    @Test
    void keepsApplicationDataUntilTheHandshakeCompletes() throws Exception {
        try (EnginePair pair = pair(clientConfig(TlsVersion.TLS_1_3), serverConfig(TlsVersion.TLS_1_3))) {
            ByteBuffer data = ByteBuffer.wrap(bytes("early"));
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);

            TlsResult result = pair.client.engine.wrap(data, out);

            assertThat(result.status()).isEqualTo(Status.NEEDS_INPUT);
            assertThat(result.consumed()).isZero();
            assertThat(result.produced()).as("the ClientHello").isPositive();
            assertThat(out.get(0)).as("record type handshake (RFC 8446 section 5.1)").isEqualTo((byte) 22);
        }
    }

    @Test
    void rejectsGarbageAsAProtocolErrorAndOffersTheAlert() throws Exception {
        try (EnginePair pair = pair(clientConfig(TlsVersion.TLS_1_3), serverConfig(TlsVersion.TLS_1_3))) {
            ByteBuffer garbage = ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            ByteBuffer plaintext = ByteBuffer.allocate(pair.server.engine.plaintextRoom());

            assertThatThrownBy(() -> pair.server.engine.unwrap(garbage, plaintext))
                    .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.kind()).isEqualTo(TlsException.Kind.PROTOCOL));

            assertThat(pair.server.engine.wantsWrap()).as("the fatal alert is pending").isTrue();
            ByteBuffer alert = ByteBuffer.allocate(pair.server.engine.plaintextRoom());
            assertThat(pair.server.engine.wrap(ByteBuffer.allocate(0), alert).status()).isEqualTo(Status.CLOSED);
            assertThat(alert.get(0)).as("record type alert (RFC 8446 section 5.1)").isEqualTo((byte) 21);
            assertThat(pair.server.engine.wantsWrap()).isFalse();
        }
    }

    @Test
    void reportsAReceivedFatalAlertAsPeerAlert() throws Exception {
        try (EnginePair pair = pair(clientConfig(TlsVersion.TLS_1_3), serverConfig(TlsVersion.TLS_1_3))) {
            pair.client.flush();
            assertThatThrownBy(() -> pair.server.engine.unwrap(ByteBuffer.wrap(bytes("garbage garbage")), ByteBuffer.allocate(20_000)))
                    .isInstanceOf(TlsException.class);
            pair.server.toPeer.clear();
            pair.server.flush();

            pair.client.tryStep(() -> pair.client.receiveFrom(pair.server), false);

            assertThat(pair.client.failure).isNotNull();
            assertThat(pair.client.failure.kind()).isEqualTo(TlsException.Kind.PEER_ALERT);
        }
    }

    @Test
    void failsTheHandshakeWithoutACommonAlpnProtocol() throws Exception {
        TlsConfig client = TestPki.get().clientConfig().alpn("h2").build();
        TlsConfig server = TestPki.get().serverConfig(TestPki.get().server()).alpn("http/1.1").build();
        try (EnginePair pair = pair(client, server).pumpExpectingFailure()) {
            assertThat(pair.server.failure.kind()).isEqualTo(TlsException.Kind.HANDSHAKE);
            assertThat(pair.client.failure.kind()).isEqualTo(TlsException.Kind.PEER_ALERT);
        }
    }

    @Test
    void failsTheHandshakeWithoutACommonVersion() throws Exception {
        try (EnginePair pair = pair(clientConfig(TlsVersion.TLS_1_3), serverConfig(TlsVersion.TLS_1_2))
                .pumpExpectingFailure()) {
            assertThat(pair.server.failure.kind()).isEqualTo(TlsException.Kind.HANDSHAKE);
            assertThat(pair.client.failure.kind()).isEqualTo(TlsException.Kind.PEER_ALERT);
        }
    }

    @Test
    void closesIdempotently() throws Exception {
        EnginePair pair = connected(TlsVersion.TLS_1_2);
        pair.close();
        pair.close();

        assertThat(pair.client.engine.wantsWrap()).isFalse();
    }

    private static void wrapAll(TlsEngine engine, String text, ByteBuffer out) throws TlsException {
        ByteBuffer data = ByteBuffer.wrap(bytes(text));
        TlsResult result = engine.wrap(data, out);
        assertThat(result.status()).isEqualTo(Status.OK);
        assertThat(data.hasRemaining()).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(ByteBuffer plaintext) {
        plaintext.flip();
        return StandardCharsets.US_ASCII.decode(plaintext).toString();
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
