package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faketls.FakeEnding;
import dev.meerkat.faketls.FakeRecords;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 8, case A, on the TLS layer alone: the peer stopped reading our output, so the socket takes
 * nothing more, and then it sends records (a KeyUpdate that must be answered among them) and ends.
 * Whatever the receive limit, no byte is lost and the end is classified from what the peer sent.
 * The socket is driven by hand, so "backed up" is a fact (a write took 0 bytes), not a timing.
 */
class TlsLayerBackedUpOutputTest {

    private static final int UPLOAD = 1 << 20;

    @Property(tries = 40)
    void backedUpOutputLosesNoByte(@ForAll @IntRange(min = 0, max = 6) int records,
                                   @ForAll FakeEnding ending,
                                   @ForAll boolean keyUpdate,
                                   @ForAll boolean greedyEngine,
                                   @ForAll @IntRange(min = 1, max = 40_000) int receiveLimit,
                                   @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<byte[]> wire = new ArrayList<>();
        List<byte[]> plaintext = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            if (keyUpdate && random.nextInt(records) == 0) {
                wire.add(FakeRecords.keyUpdate());
            }
            byte[] payload = new byte[1 + random.nextInt(FakeRecords.MAX_PAYLOAD)];
            random.nextBytes(payload);
            plaintext.add(payload);
            wire.add(FakeRecords.data(payload));
        }
        wire.add(ending.bytes(random));

        try (ServerSocketChannel listener = TlsLayerDrive.smallBufferListener();
             SocketChannel client = SocketChannel.open();
             Socket peer = TlsLayerDrive.connect(listener, client)) {
            TlsLayerDrive drive = new TlsLayerDrive(client, greedyEngine, receiveLimit);
            drive.handshake(peer);
            drive.backUpOutput(UPLOAD);
            OutputStream out = peer.getOutputStream();
            out.write(FakeRecords.concat(wire.toArray(byte[][]::new)));
            out.flush();
            peer.shutdownOutput();
            drive.readToEnd();
            byte[] sent = FakeRecords.concat(plaintext.toArray(byte[][]::new));
            assertThat(drive.delivered().length).as("plaintext bytes delivered").isEqualTo(sent.length);
            assertThat(Arrays.equals(drive.delivered(), sent)).as("plaintext delivered is what was sent").isTrue();
            assertThat(drive.layer().classifyEnd()).as("close reason").isEqualTo(ending.reason());
        }
    }
}
