package dev.meerkat.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What a fuzz target of {@link MqttParser#feed} checks, run as properties: valid packets with one
 * byte changed either parse or fail with {@link MqttProtocolException}, never another exception,
 * and whatever parses encodes back to bytes that parse to the same packets.
 */
class MqttParserGarbageTest {

    @Property(tries = 1000)
    void aChangedByteParsesOrFailsWithAProtocolException(@ForAll("packets") MqttPacket packet, @ForAll int where,
                                                         @ForAll byte value, @ForAll boolean v5) {
        MqttVersion version = v5 ? MqttVersion.V5 : MqttVersion.V3_1_1;
        byte[] bytes = MqttEncoder.encode(packet, MqttVersion.V5);
        bytes[Math.floorMod(where, bytes.length)] = value;
        MqttParser parser = new MqttParser(version, 1 << 16);
        List<MqttPacket> parsed;
        try {
            parsed = parser.feed(ByteBuffer.wrap(bytes));
        } catch (MqttProtocolException expected) {
            return;
        }
        for (MqttPacket p : parsed) {
            assertThat(reparse(p, parser.version())).as(p.toString()).containsExactly(p);
        }
    }

    @Property(tries = 500)
    void randomBytesParseOrFailWithAProtocolException(@ForAll byte[] bytes, @ForAll @IntRange(min = 2, max = 64) int limit) {
        try {
            new MqttParser(MqttVersion.V5, limit).feed(ByteBuffer.wrap(bytes));
        } catch (MqttProtocolException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<MqttPacket> packets() {
        return new PacketArbitraries(MqttVersion.V5).packets();
    }

    private static List<MqttPacket> reparse(MqttPacket p, MqttVersion version) {
        try {
            return new MqttParser(version, 1 << 16).feed(ByteBuffer.wrap(MqttEncoder.encode(p, version)));
        } catch (MqttProtocolException e) {
            throw new AssertionError("re-encoded " + p + " does not parse: " + e.getMessage(), e);
        }
    }
}
