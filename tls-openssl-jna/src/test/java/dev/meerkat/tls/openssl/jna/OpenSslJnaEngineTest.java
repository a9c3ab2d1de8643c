package dev.meerkat.tls.openssl.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.Payload;
import dev.meerkat.tls.spi.InputEnd;
import dev.meerkat.tls.spi.TlsResult;
import dev.meerkat.tls.spi.TlsResult.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What openssl-jna adds to the shared contract ({@link OpenSslJnaEngineContractTest}), in memory
 * with openssl-jna on at least one side, TLS 1.2 and 1.3: bounded buffering, the end of input held
 * inside OpenSSL, and the failures its error queue reports.
 */
class OpenSslJnaEngineTest {

    static final String JNA = OpenSslJnaProvider.NAME;
    static final String JDK = "jdk";

    static Stream<Pairing> pairs() {
        return Pairing.all(JNA, JDK);
    }

    /** The openssl-jna side receives (as the client); the sender is either provider. */
    static Stream<Pairing> receivers() {
        return Pairing.asClient(JNA, JDK);
    }

    /**
     * Bounded buffering still takes a cut record into OpenSSL's read BIO, so the record tracker, not
     * the caller's leftover, must report it: cuts inside the header, right after it, inside the body,
     * and one byte short of the end. (The shared contract covers the delivery before the cut.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void reportsACutRecordItHoldsInsideOpenSsl(Pairing pairing) throws Exception {
        for (int kept : new int[] {1, 3, 5, 6, -1}) {
            try (EnginePair pair = pairing.connected()) {
                pair.server.send(bytes("a record cut short"));
                pair.server.flush();
                byte[] record = pair.server.takeSent();
                int cut = kept > 0 ? kept : record.length - 1;
                ByteBuffer input = ByteBuffer.wrap(record, 0, cut);

                pair.client.receive(input);

                assertThat(input.hasRemaining()).as("all %d bytes taken into the read BIO", cut).isFalse();
                assertThat(pair.client.lastUnwrap.status()).isEqualTo(Status.NEEDS_INPUT);
                assertThat(pair.client.engine.inputEnded(ByteBuffer.allocate(0)))
                        .as("end after %d of %d bytes of the record", cut, record.length)
                        .isEqualTo(InputEnd.INSIDE_RECORD);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void classifiesLeftoverBytesAsPartialRecord(Pairing pairing) throws Exception {
        try (EnginePair pair = pairing.connected()) {
            assertThat(pair.client.engine.inputEnded(ByteBuffer.wrap(new byte[] {23, 3, 3})))
                    .isEqualTo(InputEnd.INSIDE_RECORD);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void rejectsGarbageInsteadOfAServerHelloAsProtocolError(Pairing pairing) throws Exception {
        try (EnginePair pair = pairing.pair()) {
            pair.client.flush();
            ByteBuffer garbage = ByteBuffer.wrap(bytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
            var jna = pairing.isClient(JNA) ? pair.client : pair.server;
            TlsException failure = jna.expectFailure(() -> jna.receive(garbage));
            assertThat(failure.kind()).isEqualTo(TlsException.Kind.PROTOCOL);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivers")
    void rejectsATamperedRecordAsProtocolError(Pairing pairing) throws Exception {
        try (EnginePair pair = pairing.connected()) {
            pair.server.send(bytes("integrity matters"));
            pair.server.flush();
            byte[] record = pair.server.takeSent();
            record[record.length - 1] ^= 1;

            TlsException failure = pair.client.expectFailure(() -> pair.client.receive(ByteBuffer.wrap(record)));

            assertThat(failure.kind()).isEqualTo(TlsException.Kind.PROTOCOL);
            assertThat(failure.getMessage()).contains("bad record mac");
            assertThat(pair.client.engine.wantsWrap()).as("a fatal alert to send").isTrue();
            assertThatThrownBy(() -> pair.client.receive(ByteBuffer.allocate(0))).isSameAs(failure);
        }
    }

    /** Bounded buffering: with room for one record, unwrap must not pull 100 KB of ciphertext into OpenSSL. */
    @Test
    void takesNoMoreCiphertextThanItCanDecryptIntoTheOutput() throws Exception {
        try (EnginePair pair = new Pairing(JNA, JNA, TlsVersion.TLS_1_3).connected()) {
            pair.server.send(Payload.random(100_000, 4).bytes());
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

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
