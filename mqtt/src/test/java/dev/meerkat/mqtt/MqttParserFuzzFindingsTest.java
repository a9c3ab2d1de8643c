package dev.meerkat.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * What {@link MqttParserFuzzTest} found, one named test each; the input stays in its corpus as
 * finding-packets-before-a-malformed-one-in-the-same-feed.
 */
class MqttParserFuzzFindingsTest {

    /** mosquitto_pub's CONNECT, then a PUBLISH whose topic length (0x6161) runs past the packet. */
    private static final byte[] CONNECT_THEN_BAD_PUBLISH = HexFormat.of().parseHex(
            "101500044d5154540502003c0321001400057075623562" + "300d" + "6161" + "61".repeat(11));

    @Test
    void keepsThePacketsCompletedBeforeAMalformedOneInTheSameFeed() {
        MqttProtocolException e = catchThrowableOfType(MqttProtocolException.class,
                () -> new MqttParser(MqttVersion.V5, 65536).feed(ByteBuffer.wrap(CONNECT_THEN_BAD_PUBLISH)));

        assertThat(e.getMessage()).startsWith("packet 2 (PUBLISH) topic name: expected 24929 more bytes");
        assertThat(e.packetsBefore()).singleElement().isInstanceOfSatisfying(MqttPacket.Connect.class,
                c -> assertThat(c.clientId()).isEqualTo("pub5b"));
    }
}
