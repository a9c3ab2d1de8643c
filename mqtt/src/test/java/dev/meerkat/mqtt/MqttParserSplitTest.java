package dev.meerkat.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The parser's one property: encoding then parsing gives the packets back, whatever the split of the bytes. */
class MqttParserSplitTest {

    @Property(tries = 300)
    void anySplitOfVersion5BytesYieldsTheSamePackets(@ForAll("v5") List<MqttPacket> packets, @ForAll long seed,
                                                     @ForAll @IntRange(min = 1, max = 40) int maxChunk) throws Exception {
        assertThat(parseInChunks(MqttVersion.V5, encode(packets, MqttVersion.V5), seed, maxChunk)).isEqualTo(packets);
    }

    @Property(tries = 300)
    void anySplitOfVersion311BytesYieldsTheSamePackets(@ForAll("v311") List<MqttPacket> packets, @ForAll long seed,
                                                       @ForAll @IntRange(min = 1, max = 40) int maxChunk) throws Exception {
        assertThat(parseInChunks(MqttVersion.V3_1_1, encode(packets, MqttVersion.V3_1_1), seed, maxChunk))
                .isEqualTo(packets);
    }

    @Provide
    Arbitrary<List<MqttPacket>> v5() {
        return new PacketArbitraries(MqttVersion.V5).packets().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<MqttPacket>> v311() {
        return new PacketArbitraries(MqttVersion.V3_1_1).packets().list().ofMinSize(1).ofMaxSize(8);
    }

    static byte[] encode(List<MqttPacket> packets, MqttVersion version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.forEach(p -> out.writeBytes(MqttEncoder.encode(p, version)));
        return out.toByteArray();
    }

    /** Feeds {@code bytes} in random chunks of 0 to {@code maxChunk} bytes, as reads from a socket come. */
    static List<MqttPacket> parseInChunks(MqttVersion version, byte[] bytes, long seed, int maxChunk)
            throws MqttProtocolException {
        MqttParser parser = new MqttParser(version, MqttParser.DEFAULT_MAX_PACKET_SIZE);
        Random random = new Random(seed);
        List<MqttPacket> parsed = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(random.nextInt(maxChunk + 1), bytes.length - at);
            ByteBuffer chunk = ByteBuffer.wrap(bytes, at, n);
            parsed.addAll(parser.feed(chunk));
            assertThat(chunk.hasRemaining()).as("feed consumes every byte").isFalse();
            at += n;
        }
        return parsed;
    }
}
