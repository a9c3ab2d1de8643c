package dev.meerkat.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.Payload;
import dev.meerkat.tls.spi.InputEnd;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What bc's engine adds to the shared contract ({@link BcEngineContractTest}): the half close and
 * the output array given back between messages, in memory, bc against bc and against jdk both
 * ways, TLS 1.2 and 1.3.
 */
class BcTlsEngineTest {

    /** bc against bc and against jdk in both directions, for TLS 1.2 and 1.3. */
    static Stream<Pairing> pairings() {
        return Pairing.all(BcTlsProvider.NAME, "jdk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void readsThePeersLastRecordsAfterOurCloseNotify(Pairing pairing) throws Exception {
        try (EnginePair pair = pairing.connected()) {
            pair.client.engine.closeOutbound();
            pair.server.receive(pair.client.wrapAll());
            byte[] reply = Payload.random(20_000, 4).bytes();
            pair.server.send(reply);
            pair.server.engine.closeOutbound();
            ByteBuffer wire = pair.server.wrapAll();

            pair.client.tryStep(() -> pair.client.receive(wire), false);

            assertThat(pair.client.failure).isNull();
            assertThat(pair.client.engine.inputEnded(wire)).isEqualTo(InputEnd.CLOSE_NOTIFY);
            assertThat(pair.client.received.size()).isLessThanOrEqualTo(reply.length);
        }
    }

    /**
     * Each side's output array goes back after the handshake and after every message that ends in
     * a short record, and is allocated again by the next: small, bulk (full records then a short
     * one) and small again must all arrive whole and in order, both ways.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairings")
    void deliversEveryByteWhenOutputArraysAreGivenBackBetweenMessages(Pairing pairing) throws Exception {
        try (EnginePair pair = pairing.connected()) {
            ByteArrayOutputStream toServer = new ByteArrayOutputStream();
            ByteArrayOutputStream toClient = new ByteArrayOutputStream();
            int[] sizes = {60, 100_000, 1, 16_384, 700};
            for (int i = 0; i < sizes.length; i++) {
                byte[] request = Payload.random(sizes[i], i).bytes();
                byte[] reply = Payload.random(sizes[sizes.length - 1 - i], 100 + i).bytes();
                pair.client.send(request);
                toServer.write(request);
                pair.pumpUntilReceived(toClient.size(), toServer.size());
                pair.server.send(reply);
                toClient.write(reply);
                pair.pumpUntilReceived(toClient.size(), toServer.size());
            }

            assertThat(pair.server.received.toByteArray()).isEqualTo(toServer.toByteArray());
            assertThat(pair.client.received.toByteArray()).isEqualTo(toClient.toByteArray());
        }
    }
}
