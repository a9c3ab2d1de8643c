package dev.meerkat.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed bytes fail with a message naming the packet and the field; limits hold. */
class MqttParserStrictTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            reserved type 0               | 0000             | packet 1 (RESERVED) packet type: expected 1 to 15 but was 0
            PUBLISH QoS 3                 | 36050001610001   | packet 1 (PUBLISH) fixed header flags: expected QoS 0 to 2
            DUP at QoS 0                  | 380400016162     | packet 1 (PUBLISH) fixed header flags: expected QoS 0 to 2 and DUP clear
            wildcard in a topic name      | 3003000123       | packet 1 (PUBLISH) topic name: expected a topic name without wildcards
            packet identifier 0           | 3205000161000000 | packet 1 (PUBLISH) packet identifier: expected 1 to 65535 but was 0
            PUBREL without flag 2         | 60020001         | packet 1 (PUBREL) fixed header flags: expected 0x2 but were 0x0
            SUBSCRIBE without a filter    | 82020001         | packet 1 (SUBSCRIBE) topic filter length: expected 2 more bytes but the packet has 0
            SUBSCRIBE QoS 3               | 820600010001 6103 | packet 1 (SUBSCRIBE) subscription options of 'a': expected reserved bits clear
            bad filter                    | 8207000100026123 00 | packet 1 (SUBSCRIBE) topic filter: expected a valid filter
            bytes after PINGRESP          | d00100           | packet 1 (PINGRESP): expected the end of the packet but 1 bytes remain
            remaining length of 5 bytes   | 30ffffffff01     | packet 1 (PUBLISH) remaining length: expected at most 4 bytes
            malformed UTF-8               | 300300 01ff      | packet 1 (PUBLISH) topic name: expected well-formed UTF-8
            U+0000 in a topic             | 300300 0100      | packet 1 (PUBLISH) topic name: expected a string without U+0000
            CONNACK reserved flag         | 20020200         | packet 1 (CONNACK) connect acknowledge flags: expected bits 7 to 1 clear
            CONNECT MQIsdp                | 100800064d514973647003 | packet 1 (CONNECT) protocol name: expected 'MQTT' but was 'MQIsdp'
            CONNECT level 3               | 100700044d51545403 00 | packet 1 (CONNECT) protocol level: expected 4 (3.1.1) or 5 (5.0) but was 3
            AUTH on 3.1.1                 | f000             | packet 1 (AUTH) packet type: expected 1 to 14 on MQTT 3.1.1
            """)
    void namesThePacketAndTheFieldOfMalformedInput(String what, String hex, String message) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThatThrownBy(() -> new MqttParser(MqttVersion.V3_1_1, 1024).feed(ByteBuffer.wrap(bytes)))
                .as(what).isInstanceOf(MqttProtocolException.class).hasMessageStartingWith(message);
    }

    @Test
    void namesVersion5PropertyErrors() {
        assertThatThrownBy(() -> new MqttParser(MqttVersion.V5, 1024).feed(ByteBuffer.wrap(HexFormat.of()
                .parseHex("400600010002" + "0700"))))
                .hasMessage("packet 1 (PUBACK) property identifier: expected one MQTT 5 defines but was 0x7");
        assertThatThrownBy(() -> new MqttParser(MqttVersion.V5, 1024).feed(ByteBuffer.wrap(HexFormat.of()
                .parseHex("4006000100" + "05" + "0300"))))
                .hasMessage("packet 1 (PUBACK) properties: expected 5 more bytes but the packet has 2");
        assertThatThrownBy(() -> new MqttParser(MqttVersion.V5, 1024).feed(ByteBuffer.wrap(HexFormat.of()
                .parseHex("400a000100" + "06" + "210001210002"))))
                .hasMessage("packet 1 (PUBACK) property 0x21: expected it at most once but it came twice");
    }

    @Test
    void countsPacketsInItsMessages() throws Exception {
        MqttParser parser = new MqttParser(MqttVersion.V3_1_1, 1024);
        assertThat(parser.feed(ByteBuffer.wrap(HexFormat.of().parseHex("d000d000")))).hasSize(2);
        assertThat(parser.feed(ByteBuffer.wrap(HexFormat.of().parseHex("d001")))).isEmpty();
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(new byte[] {0})))
                .hasMessageStartingWith("packet 3 (PINGRESP): expected the end of the packet");
    }

    @Test
    void refusesAPacketOverTheLimitFromItsFixedHeaderAlone() {
        MqttParser parser = new MqttParser(MqttVersion.V5, 100);
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(HexFormat.of().parseHex("30e807"))))
                .hasMessage("packet 1 (PUBLISH): expected at most 100 bytes but the fixed header announces 1003");
    }

    @Test
    void acceptsAPacketOfExactlyTheLimit() throws Exception {
        MqttMessage m = new MqttMessage("t", new byte[95], 0, false);
        byte[] bytes = MqttEncoder.encode(new MqttPacket.Publish(0, false, m), MqttVersion.V3_1_1);
        assertThat(bytes).hasSize(100);
        assertThat(new MqttParser(MqttVersion.V3_1_1, 100).feed(ByteBuffer.wrap(bytes)))
                .containsExactly(new MqttPacket.Publish(0, false, m));
    }

    @Test
    void refusesBytesAfterAFailure() {
        MqttParser parser = new MqttParser(MqttVersion.V3_1_1, 100);
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(new byte[] {0, 0}))).isInstanceOf(MqttProtocolException.class);
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(new byte[] {(byte) 0xd0, 0})))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConnectSwitchesTheParserToItsVersion() throws Exception {
        MqttPacket.Connect connect = new MqttPacket.Connect(MqttVersion.V5, "c", true, 60, null, null, null,
                MqttProperties.EMPTY.with(MqttProperties.SESSION_EXPIRY_INTERVAL, 30L));
        MqttParser parser = new MqttParser(MqttVersion.V3_1_1, 1024);
        assertThat(parser.feed(ByteBuffer.wrap(MqttEncoder.encode(connect, MqttVersion.V5)))).isEqualTo(List.of(connect));
        assertThat(parser.version()).isEqualTo(MqttVersion.V5);
    }
}
