package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faketls.FakeTlsContext;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventListenerTest {
    private final Manager manager = new Manager();
    private final FakeTlsContext tls = new FakeTlsContext();
    private final ListenerLog recorder = new ListenerLog();

    @AfterEach
    void close() {
        manager.close();
    }

    private List<String> side(String side) {
        return recorder.side(side);
    }

    /** A fake-TLS server that sends "hello" after its handshake, then closes with close_notify or without. */
    private String server(boolean closeNotify) {
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults().withTls(tls), (c, e) -> {
            if (e instanceof Event.TlsHandshake) {
                c.send("hello".getBytes(StandardCharsets.US_ASCII));
            } else if (e instanceof Event.Write w && w.queued() == 0 && !c.isClosing()) {
                if (closeNotify) {
                    c.closeAfterFlush();
                } else {
                    c.close();
                }
            }
        });
        return "tcp://127.0.0.1:" + listener.localAddress().getPort();
    }

    @Test
    void seesTheDocumentedSequenceOnBothSides() {
        manager.eventListener(recorder);
        EventLog client = new EventLog();
        manager.connect(server(true), Options.defaults().withTls(tls), client);
        pollUntil(manager, () -> client.closed() && side("server").size() == 4, "both closes");
        String handshake = "handshakeFinished fake TLSv1.3 TLS_FAKE_XOR resumed=false";
        assertThat(side("client")).containsExactly("connected", "handshakeStarted fake", handshake,
                "closed CLEAN in>0=true out>0=true");
        assertThat(side("server")).containsExactly("connected", "handshakeStarted fake", handshake,
                "closed LOCAL in>0=true out>0=true");
    }

    @Test
    void aConnectThatFailsBeforeTcpGetsOnlyClosed() throws Exception {
        manager.eventListener(recorder);
        int port;
        try (ServerSocket unused = new ServerSocket(0)) {
            port = unused.getLocalPort();
        }
        EventLog client = new EventLog();
        manager.connect("tcp://127.0.0.1:" + port, client);
        pollUntil(manager, client::closed, "Close");
        assertThat(recorder.all()).containsExactly("client closed ERROR in>0=false out>0=false");
    }

    @Test
    void aListenerThatThrowsFailsNothing() {
        manager.eventListener(new EventListener() {
            @Override
            public void connected(Connection c) {
                throw new IllegalStateException("a broken listener");
            }

            @Override
            public void handshakeStarted(Connection c, String provider) {
                throw new AssertionError("an Error that is not a VirtualMachineError fails nothing either");
            }
        });
        EventLog client = new EventLog();
        manager.connect(server(true), Options.defaults().withTls(tls), client);
        pollUntil(manager, client::closed, "Close");
        assertThat(new String(client.received(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(client.close().reason()).isEqualTo(CloseReason.CLEAN);
    }

    @Test
    void aFlightRecordingCountsHandshakesAndTruncationsPerProvider() throws Exception {
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable("dev.meerkat.TlsHandshake").withThreshold(Duration.ZERO);
            recording.enable("dev.meerkat.ConnectionClose");
            recording.start();
            EventLog client = new EventLog();
            manager.connect(server(false), Options.defaults().withTls(tls), client);
            pollUntil(manager, () -> client.closed() && manager.connections().size() == 1, "both closes");
            recording.stop();
            Path file = Files.createTempFile("meerkat-events", ".jfr");
            try {
                recording.dump(file);
                events = RecordingFile.readAllEvents(file);
            } finally {
                Files.delete(file);
            }
        }
        List<RecordedEvent> handshakes = named(events, "dev.meerkat.TlsHandshake");
        assertThat(handshakes).hasSize(2).allSatisfy(e -> {
            assertThat(e.getString("provider")).isEqualTo("fake");
            assertThat(e.getString("protocol")).isEqualTo("TLSv1.3");
            assertThat(e.getString("cipherSuite")).isEqualTo("TLS_FAKE_XOR");
            assertThat(e.getString("failure")).isNull();
        });
        List<RecordedEvent> closes = named(events, "dev.meerkat.ConnectionClose");
        assertThat(closes).extracting(e -> e.getBoolean("client") + " " + e.getString("provider") + " " + e.getString("reason")
                        + " truncation=" + e.getBoolean("truncation"))
                .containsExactlyInAnyOrder("true fake TRUNCATED_NO_CLOSE_NOTIFY truncation=true", "false fake LOCAL truncation=false");
        assertThat(closes).allSatisfy(e -> assertThat(e.getLong("bytesIn")).isPositive());
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}
