package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpTest {
    private final Manager manager = new Manager();

    @AfterEach
    void closeManager() {
        manager.close();
        assertThat(manager.bufferedBytes()).isZero();
    }

    @Test
    void echoesDatagrams() {
        Connection server = manager.listen("udp://127.0.0.1:0", (c, e) -> {
            if (e instanceof Event.Datagram d) {
                c.sendTo(d.sender(), d.data());
            }
        });
        StringBuilder echoed = new StringBuilder();
        EventLog log = new EventLog() {
            @Override
            public void handle(Connection c, Event event) {
                super.handle(c, event);
                if (event instanceof Event.Datagram d) {
                    echoed.append(StandardCharsets.US_ASCII.decode(d.data())).append('|');
                }
            }
        };
        Connection client = manager.connect("udp://127.0.0.1:" + server.localAddress().getPort(), log);
        pollUntil(manager, () -> log.has(Event.Connect.class), "Connect");
        assertThat(client.send(ByteBuffer.wrap("one".getBytes(StandardCharsets.US_ASCII)))).isTrue();
        assertThat(client.send(ByteBuffer.wrap("two".getBytes(StandardCharsets.US_ASCII)))).isTrue();
        pollUntil(manager, () -> echoed.toString().equals("one|two|"), "both datagrams echoed");
        assertThat(client.isUdp()).isTrue();
        assertThat(server.remoteAddress()).isEqualTo(client.localAddress());
    }
}
