package dev.meerkat.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FaultProxyTest {

    private static final byte[] REQUEST = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final TlsRecord SERVER_HELLO = TlsRecord.of(TlsRecord.HANDSHAKE, filled(90, 1));
    private static final TlsRecord FINISHED = TlsRecord.of(TlsRecord.HANDSHAKE, filled(40, 2));
    private static final TlsRecord DATA_1 = TlsRecord.of(TlsRecord.APPLICATION_DATA, filled(300, 3));
    private static final TlsRecord DATA_2 = TlsRecord.of(TlsRecord.APPLICATION_DATA, filled(1000, 4));
    private static final TlsRecord CLOSE_NOTIFY = TlsRecord.of(TlsRecord.ALERT, filled(26, 5));
    private static final List<TlsRecord> STREAM = List.of(SERVER_HELLO, FINISHED, DATA_1, DATA_2, CLOSE_NOTIFY);

    @Test
    void forwardsBothDirectionsUnchangedWithoutFaults() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, STREAM);
             FaultProxy proxy = FaultProxy.start(server.address())) {
            assertThat(exchange(proxy)).isEqualTo(concat(STREAM));
            assertThat(server.received()).isEqualTo(REQUEST);
            assertThat(proxy.response()).isEmpty();
        }
    }

    @Test
    void coalesceCloseDeliversTheResponseInOneWrite() throws Exception {
        Received received = runArmed(STREAM, new Fault.CoalesceClose());
        assertThat(received.bytes).isEqualTo(concat(STREAM));
        assertThat(received.writes).isEqualTo(1);
        assertThat(received.response).containsExactlyElementsOf(STREAM);
    }

    @Test
    void dropCloseNotifyStripsTheLastRecord() throws Exception {
        Received received = runArmed(STREAM, new Fault.DropCloseNotify());
        assertThat(received.bytes).isEqualTo(concat(STREAM.subList(0, 4)));
    }

    @Test
    void cutBeforeEndAtARecordBoundary() throws Exception {
        Received received = runArmed(STREAM, new Fault.CutBeforeEnd(2, 0));
        assertThat(received.bytes).isEqualTo(concat(STREAM.subList(0, 3)));
    }

    @Test
    void cutBeforeEndInsideARecord() throws Exception {
        Received received = runArmed(STREAM, new Fault.CutBeforeEnd(3, 7));
        assertThat(received.bytes).isEqualTo(concat(concat(STREAM.subList(0, 2)), DATA_1.prefix(7)));
    }

    @Test
    void partialRecordAtEndKeepsHalfOfTheLastDataRecord() throws Exception {
        Received received = runArmed(STREAM, new Fault.PartialRecordAtEnd());
        assertThat(received.bytes).isEqualTo(concat(concat(STREAM.subList(0, 3)), DATA_2.prefix(DATA_2.size() / 2)));
    }

    @Test
    void oneByteSegmentsWritesEveryByteAlone() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, STREAM);
             FaultProxy proxy = FaultProxy.start(server.address(), new Fault.OneByteSegments())) {
            byte[] bytes = exchange(proxy);
            assertThat(bytes).isEqualTo(concat(STREAM));
            assertThat(proxy.writesToClient()).isEqualTo(bytes.length);
        }
    }

    @Test
    void oneByteSegmentsCombinesWithAnEndFault() throws Exception {
        Received received = runArmed(STREAM, new Fault.OneByteSegments(), new Fault.DropCloseNotify());
        assertThat(received.bytes).isEqualTo(concat(STREAM.subList(0, 4)));
        assertThat(received.writes).isEqualTo(received.bytes.length);
    }

    @Test
    void holdBeyondReadCapDeliversALargeResponseWithFin() throws Exception {
        TlsRecord big = TlsRecord.of(TlsRecord.APPLICATION_DATA, filled(Fault.MONGOOSE_READ_CAP, 6));
        List<TlsRecord> stream = List.of(SERVER_HELLO, big, CLOSE_NOTIFY);
        Received received = runArmed(stream, new Fault.HoldBeyondReadCap());
        assertThat(received.bytes).isEqualTo(concat(stream));
        assertThat(received.writes).isEqualTo(1);
    }

    @Test
    void holdBeyondReadCapFailsWhenTheResponseIsSmall() throws Exception {
        Received received = runArmed(STREAM, new Fault.HoldBeyondReadCap());
        assertThat(received.bytes).isEmpty();
        assertThatThrownBy(received.proxy::assertNoFailure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected more than " + Fault.MONGOOSE_READ_CAP);
    }

    @Test
    void endFaultFailsWhenTheResponseLacksCloseNotify() throws Exception {
        Received received = runArmed(STREAM.subList(0, 4), new Fault.DropCloseNotify());
        assertThatThrownBy(received.proxy::assertNoFailure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the response to end with the server's close_notify");
    }

    @Test
    void garbageReplacesTheFirstFlight() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, STREAM);
             FaultProxy proxy = FaultProxy.start(server.address(), new Fault.Garbage())) {
            assertThat(exchange(proxy)).isEqualTo(FaultProxy.GARBAGE);
            assertThat(proxy.awaitFinished(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void closeDuringHandshakeForwardsOnlyTheFirstRecord() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, STREAM);
             FaultProxy proxy = FaultProxy.start(server.address(), new Fault.CloseDuringHandshake())) {
            assertThat(exchange(proxy)).isEqualTo(SERVER_HELLO.bytes());
        }
    }

    @Test
    void resetAfterDataResetsOnlyOnceTheClientReadTheData() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, STREAM);
             FaultProxy proxy = FaultProxy.start(server.address(), new Fault.ResetAfterData())) {
            proxy.arm();
            try (Socket client = connect(proxy)) {
                client.getOutputStream().write(REQUEST);
                InputStream in = client.getInputStream();
                byte[] data = in.readNBytes(concat(STREAM.subList(0, 4)).length);
                assertThat(data).isEqualTo(concat(STREAM.subList(0, 4)));
                proxy.clientReadResponse();
                assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
            }
        }
    }

    @Test
    void cutAfterDeliversTheFirstBytesInsideARecordThenFin() throws Exception {
        int cut = SERVER_HELLO.size() + FINISHED.size() + 7;
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, STREAM);
             FaultProxy proxy = FaultProxy.start(server.address(), new Fault.CutAfter(cut))) {
            assertThat(exchange(proxy)).isEqualTo(Arrays.copyOf(concat(STREAM), cut));
        }
    }

    @Test
    void cutAfterMoreThanTheStreamChangesNothing() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, STREAM);
             FaultProxy proxy = FaultProxy.start(server.address(), new Fault.CutAfter(1_000_000))) {
            assertThat(exchange(proxy)).isEqualTo(concat(STREAM));
        }
    }

    @Test
    void resetAfterDeliversTheFirstBytesThenResets() throws Exception {
        int cut = SERVER_HELLO.size() + 3;
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, STREAM);
             FaultProxy proxy = FaultProxy.start(server.address(), new Fault.ResetAfter(cut));
             Socket client = connect(proxy)) {
            client.getOutputStream().write(REQUEST);
            InputStream in = client.getInputStream();
            assertThat(in.readNBytes(cut)).isEqualTo(Arrays.copyOf(concat(STREAM), cut));
            assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void listenArmsEachConnectionByItself() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, STREAM);
             FaultProxy proxy = FaultProxy.listen(any, server.address(), events::add, new Fault.DropCloseNotify())) {
            assertThat(exchange(proxy)).isEqualTo(concat(STREAM.subList(0, 4)));
            assertThat(events).anyMatch(e -> e.contains("DropCloseNotify") && e.contains("5 held records"));
        }
    }

    @Test
    void rejectsALimitWithAnEndFault() {
        assertThatThrownBy(() -> FaultSet.of(new Fault.CutAfter(3), new Fault.CoalesceClose()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one of them");
    }

    @Test
    void rejectsTwoFaultsOfOneGroup() {
        assertThatThrownBy(() -> FaultSet.of(new Fault.DropCloseNotify(), new Fault.CoalesceClose()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most one fault of a group");
        assertThatThrownBy(() -> FaultSet.of(new Fault.Garbage(), new Fault.CoalesceClose()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private record Received(byte[] bytes, int writes, List<TlsRecord> response, FaultProxy proxy) {}

    /** Arms the proxy before the client connects: the whole scripted stream is the response. */
    private static Received runArmed(List<TlsRecord> stream, Fault... faults) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(REQUEST.length, stream);
             FaultProxy proxy = FaultProxy.start(server.address(), faults)) {
            proxy.arm();
            byte[] bytes = exchange(proxy);
            assertThat(proxy.awaitFinished(Duration.ofSeconds(10))).isTrue();
            return new Received(bytes, proxy.writesToClient(), proxy.response(), proxy);
        }
    }

    /** Sends the request, reads until FIN, then closes. */
    private static byte[] exchange(FaultProxy proxy) throws IOException {
        try (Socket client = connect(proxy)) {
            client.getOutputStream().write(REQUEST);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            client.getInputStream().transferTo(all);
            return all.toByteArray();
        }
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] concat(List<TlsRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach(r -> out.writeBytes(r.bytes()));
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
