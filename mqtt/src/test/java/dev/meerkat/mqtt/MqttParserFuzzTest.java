package dev.meerkat.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for the MQTT packet parser (Jazzer; CONTRIBUTING.md says how to fuzz one), on 3.1.1 and
 * 5.0 with a 64 KiB packet limit. Bytes from a broker or a client may only fail with
 * {@link MqttProtocolException}; they give the same packets and the same failure however they are
 * cut; and every packet parsed encodes back to bytes that parse to the same packet. The seeds are
 * mosquitto 2.0.11 sessions captured in both directions; each file ends with the cut and the
 * version, which {@link FuzzedDataProvider} reads from the end.
 */
class MqttParserFuzzTest {

    private static final int MAX_PACKET_SIZE = 65536;

    /** What a run produced: the packets, then the failure's message (null when none). */
    record Parsed(List<MqttPacket> packets, String failure) {
    }

    @FuzzTest(maxDuration = "25s")
    void packets(FuzzedDataProvider data) {
        MqttVersion version = data.consumeBoolean() ? MqttVersion.V5 : MqttVersion.V3_1_1;
        int cut = data.consumeInt(0, 4096);
        byte[] input = data.consumeRemainingAsBytes();

        Parsed whole = parse(version, List.of(input));
        Parsed pieces = parse(version, split(input, cut));

        assertThat(pieces).as("the input cut at %d", cut).isEqualTo(whole);
        assertReencodes(whole.packets(), version);
    }

    /** Feeds the pieces as reads from a socket come, until the parser fails. */
    private static Parsed parse(MqttVersion version, List<byte[]> pieces) {
        MqttParser parser = new MqttParser(version, MAX_PACKET_SIZE);
        List<MqttPacket> packets = new ArrayList<>();
        try {
            for (byte[] piece : pieces) {
                packets.addAll(parser.feed(ByteBuffer.wrap(piece)));
            }
            return new Parsed(packets, null);
        } catch (MqttProtocolException e) {
            packets.addAll(e.packetsBefore());
            return new Parsed(packets, e.getMessage());
        }
    }

    /** Each packet in the version it was parsed in: the first one's until a CONNECT names another. */
    private static void assertReencodes(List<MqttPacket> packets, MqttVersion first) {
        MqttVersion version = first;
        for (MqttPacket packet : packets) {
            if (packet instanceof MqttPacket.Connect connect) {
                version = connect.version();
            }
            byte[] encoded = MqttEncoder.encode(packet, version);
            assertThat(parse(version, List.of(encoded))).as("%s re-encoded in %s", packet, version)
                    .isEqualTo(new Parsed(List.of(packet), null));
        }
    }

    private static List<byte[]> split(byte[] input, int at) {
        int cut = Math.min(at, input.length);
        return List.of(Arrays.copyOfRange(input, 0, cut), Arrays.copyOfRange(input, cut, input.length));
    }
}
