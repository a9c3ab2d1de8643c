package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faketls.FakeEnding;
import dev.meerkat.faketls.FakeRecords;
import dev.meerkat.faketls.FakeTlsContext;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** However the byte stream is cut into segments, the plaintext and the close reason are the same. */
class TlsDrainPropertiesTest {

    @Property(tries = 50)
    void segmentationNeverChangesPlaintextOrReason(@ForAll @IntRange(min = 0, max = 8) int records,
                                                   @ForAll FakeEnding ending,
                                                   @ForAll boolean greedyEngine,
                                                   @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<byte[]> wire = new ArrayList<>();
        List<byte[]> plaintext = new ArrayList<>();
        wire.add(FakeRecords.hello());
        for (int i = 0; i < records; i++) {
            byte[] payload = new byte[random.nextInt(3000)];
            random.nextBytes(payload);
            plaintext.add(payload);
            wire.add(random.nextInt(5) == 0 ? FakeRecords.ticket() : new byte[0]);
            wire.add(FakeRecords.data(payload));
        }
        wire.add(ending.bytes(random));
        byte[] stream = FakeRecords.concat(wire.toArray(byte[][]::new));
        List<byte[]> segments = split(stream, random);

        EventLog log = new EventLog();
        try (Manager manager = new Manager(); RawPeer peer = new RawPeer(socket -> {
            RawPeer.readRecord(socket);
            OutputStream out = socket.getOutputStream();
            for (byte[] segment : segments) {
                out.write(segment);
                out.flush();
                if (random.nextInt(32) == 0) {
                    Thread.sleep(1);
                }
            }
            socket.shutdownOutput();
        })) {
            manager.connect(peer.url(), Options.defaults().withTls(new FakeTlsContext(greedyEngine)), log);
            pollUntil(manager, log::closed, "Close");
            peer.join();
        }
        assertThat(log.received()).isEqualTo(FakeRecords.concat(plaintext.toArray(byte[][]::new)));
        assertThat(log.close().reason()).isEqualTo(ending.reason());
    }

    /** Cuts {@code stream} at random offsets: one-byte segments, record-sized ones, everything at once. */
    private static List<byte[]> split(byte[] stream, Random random) {
        List<byte[]> segments = new ArrayList<>();
        int maxSegment = switch (random.nextInt(3)) {
            case 0 -> 1 + random.nextInt(8);
            case 1 -> 1 + random.nextInt(4000);
            default -> stream.length;
        };
        for (int at = 0; at < stream.length; ) {
            int size = Math.min(stream.length - at, 1 + random.nextInt(maxSegment));
            segments.add(Arrays.copyOfRange(stream, at, at + size));
            at += size;
        }
        return segments;
    }
}
