package dev.meerkat.tls.openssl.jna;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.conformance.EnginePair;
import dev.meerkat.tls.conformance.Pairing;
import dev.meerkat.tls.conformance.Payload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MemoryBios} keeps a drained BIO that never held more than {@link MemoryBios#KEPT_BYTES}
 * (a keep-alive request and a small answer cost no BIO swap) and swaps one that grew, so that an
 * idle connection holds no record-sized buffer.
 */
class OpenSslJnaMemoryBiosTest {

    private static final int SMALL = 100;
    private static final int LARGE = 5_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void keepsADrainedBioThatHeldLittleAndSwapsOneThatGrew(TlsVersion version) throws Exception {
        try (EnginePair pair = new Pairing(OpenSslJnaProvider.NAME, OpenSslJnaProvider.NAME, version).connected()) {
            MemoryBios server = ((OpenSslJnaEngine) pair.server.engine).bios();
            int received = exchange(pair, SMALL, 0);
            Pointer readBio = server.readBio();
            Pointer writeBio = server.writeBio();

            received = exchange(pair, SMALL, received);

            assertThat(server.readBio()).as("read BIO after a small request").isEqualTo(readBio);
            assertThat(server.writeBio()).as("write BIO after a small answer").isEqualTo(writeBio);

            exchange(pair, LARGE, received);

            assertThat(server.readBio()).as("read BIO after a large request").isNotEqualTo(readBio);
            assertThat(server.writeBio()).as("write BIO after a large answer").isNotEqualTo(writeBio);
        }
    }

    /** The client sends {@code size} bytes and the server answers as many; returns what each side received in all. */
    private static int exchange(EnginePair pair, int size, int receivedBefore) throws Exception {
        int received = receivedBefore + size;
        pair.client.send(Payload.random(size, received).bytes());
        pair.pumpUntilReceived(receivedBefore, received);
        pair.server.send(Payload.random(size, -received).bytes());
        pair.pumpUntilReceived(received, received);
        return received;
    }
}
