package dev.meerkat.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.Payload;
import dev.meerkat.tls.spi.InputEnd;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What bc's engine adds to the shared contract ({@link BcEngineContractTest}): the half close, in
 * memory, bc against bc and against jdk both ways, TLS 1.2 and 1.3.
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
}
