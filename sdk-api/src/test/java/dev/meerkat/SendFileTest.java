package dev.meerkat;

import static dev.meerkat.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.faketls.FakeTlsContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Connection#sendFile}: file regions in order with bytes, under backpressure, and every way it ends. */
class SendFileTest {
    private final Manager manager = new Manager();

    @TempDir
    Path dir;

    @AfterEach
    void closeManager() {
        manager.close();
        assertThat(manager.bufferedBytes()).isZero();
    }

    private byte[] randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Files.write(dir.resolve(name), bytes);
        return bytes;
    }

    private FileChannel open(String name) throws IOException {
        return FileChannel.open(dir.resolve(name), StandardOpenOption.READ);
    }

    /** A server connection handed to the test once accepted, with what it received. */
    static final class Accepting extends EventLog {
        Connection connection;

        @Override
        public void handle(Connection c, Event event) {
            if (event instanceof Event.Accept) {
                connection = c;
            }
            super.handle(c, event);
        }
    }

    private Accepting listen(Options options) {
        Accepting server = new Accepting();
        Connection listener = manager.listen("tcp://127.0.0.1:0", options, server);
        manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(), new EventLog());
        pollUntil(manager, () -> server.connection != null, "the connection accepted");
        return server;
    }

    private Connection client() {
        return manager.connections().stream().filter(Connection::isClient).findFirst().orElseThrow();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Over TLS the regions are sent before the handshake ends, and wait for it; the fake engine encrypts by XOR. */
    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void keepsBytesAndRegionsInTheOrderTheyWereSent(boolean tls) throws Exception {
        byte[] file = randomFile("a.bin", 300_000);
        Options options = tls ? Options.defaults().withTls(new FakeTlsContext()) : Options.defaults();
        EventLog client = new EventLog();
        Accepting server = new Accepting();
        Connection listener = manager.listen("tcp://127.0.0.1:0", options, server);
        Connection conn = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(), options, client);
        FileChannel first = open("a.bin");
        FileChannel second = open("a.bin");

        assertThat(conn.send(ascii("head"))).isTrue();
        assertThat(conn.sendFile(first, 10, 200_000)).isTrue();
        assertThat(conn.send(ascii("middle"))).isTrue();
        assertThat(conn.sendFile(second, 0, 5)).isTrue();
        assertThat(conn.send(ascii("tail"))).isTrue();
        assertThat(conn.queuedBytes()).isEqualTo(4 + 200_000 + 6 + 5 + 4);
        conn.closeAfterFlush();

        pollUntil(manager, server::closed, "the server's Close");
        assertThat(server.received()).isEqualTo(concat(ascii("head"), Arrays.copyOfRange(file, 10, 200_010),
                ascii("middle"), Arrays.copyOfRange(file, 0, 5), ascii("tail")));
        assertThat(server.close().reason()).isEqualTo(CloseReason.CLEAN);
        assertThat(first.isOpen()).as("the first region's file, closed once sent").isFalse();
        assertThat(second.isOpen()).isFalse();
    }

    @Test
    void aRegionCostsNoHeapButHoldsBackTheProducer() throws Exception {
        byte[] file = randomFile("big.bin", 32 * 1024 * 1024);
        Accepting server = listen(Options.defaults());
        Connection conn = server.connection;
        // The client reads nothing: the region waits in the file, not in memory.
        client().pauseReading();

        FileChannel channel = open("big.bin");
        assertThat(conn.sendFile(channel, 0, file.length)).isTrue();
        assertThat(conn.isWritable()).as("above the high watermark while the region waits").isFalse();
        // The send limit bounds heap: a region does not count against it.
        assertThat(conn.send(new byte[(int) Options.defaults().sendLimit()])).isTrue();
        for (int i = 0; i < 50; i++) {
            manager.poll(1);
        }
        assertThat(conn.queuedBytes()).as("the socket buffers cannot hold 32 MiB").isGreaterThan(0);
        assertThat(manager.bufferedBytes()).as("heap held: the bytes sent after the region, no file byte")
                .isLessThanOrEqualTo(Options.defaults().sendLimit() + 64 * 1024);
        assertThat(channel.isOpen()).isTrue();
        assertThat(conn.isWritable()).isFalse();
    }

    /** A slow reader takes a region much bigger than the socket buffers, a bounded number of bytes at a time. */
    @Test
    void aSlowReaderGetsARegionBiggerThanTheSocketBuffers() throws Exception {
        byte[] file = randomFile("big.bin", 8 * 1024 * 1024);
        EventLog reader = new EventLog();
        Connection listener = manager.listen("tcp://127.0.0.1:0", Options.defaults().withReceiveLimit(4096), new EventLog() {
            @Override
            public void handle(Connection c, Event event) {
                super.handle(c, event);
                if (event instanceof Event.Accept) {
                    c.sendFile(uncheckedOpen("big.bin"), 0, file.length);
                    c.closeAfterFlush();
                }
            }
        });
        Connection client = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(),
                Options.defaults().withReceiveLimit(4096), reader);
        long end = System.nanoTime() + Polling.DEADLINE.toNanos() * 3;
        for (int round = 0; round < 200_000 && !reader.closed() && System.nanoTime() < end; round++) {
            manager.poll(1);
        }
        assertThat(reader.closed()).as("the whole region read within the bound").isTrue();
        assertThat(reader.received()).isEqualTo(file);
        assertThat(reader.close().reason()).isEqualTo(CloseReason.CLEAN);
        assertThat(client.isClosing()).isTrue();
    }

    private FileChannel uncheckedOpen(String name) {
        try {
            return open(name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void closesTheFileWhenThePeerLeavesMidRegion() throws Exception {
        randomFile("big.bin", 32 * 1024 * 1024);
        FileChannel channel = open("big.bin");
        try (RawPeer peer = new RawPeer(socket -> {
            InputStream in = socket.getInputStream();
            in.readNBytes(100_000);
            socket.setSoLinger(true, 0);
        })) {
            EventLog client = new EventLog();
            Connection conn = manager.connect(peer.url(), client);
            assertThat(conn.sendFile(channel, 0, channel.size())).isTrue();
            pollUntil(manager, client::closed, "Close after the peer left");
            peer.join();
            // Whichever call takes the peer's RST (the read, or sendfile with the read seeing EOF
            // after it), the close is RESET.
            assertThat(client.close().reason()).isEqualTo(CloseReason.RESET);
            assertThat(channel.isOpen()).as("the region's file, closed with the connection").isFalse();
        }
    }

    @Test
    void failsTheConnectionWhenTheFileShrinksWhileSending() throws Exception {
        // Larger than loopback's socket buffers (a few MiB each way) can hold while the reader waits.
        int size = 48 * 1024 * 1024;
        randomFile("big.bin", size);
        Accepting server = listen(Options.defaults());
        EventLog sender = new EventLog();
        Connection conn = server.connection;
        conn.handler(sender);
        Connection client = client();
        client.pauseReading();
        FileChannel channel = open("big.bin");
        assertThat(conn.sendFile(channel, 0, size)).isTrue();
        pollUntil(manager, () -> sender.has(Event.Write.class), "the first bytes written");
        try (FileChannel writer = FileChannel.open(dir.resolve("big.bin"), StandardOpenOption.WRITE)) {
            writer.truncate(size / 2);
        }
        client.resumeReading();
        pollUntil(manager, sender::closed, "Close once the file ended early");

        assertThat(sender.close().reason()).isEqualTo(CloseReason.ERROR);
        assertThat(sender.close().cause()).hasMessageContaining("sending a file region failed")
                .hasMessageContaining("ends at " + size / 2);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void refusesOnceClosingAndOffTcpAndClosesTheFile() throws Exception {
        randomFile("a.bin", 10);
        Connection listener = manager.listen("tcp://127.0.0.1:0", new EventLog());
        Connection plain = manager.connect("tcp://127.0.0.1:" + listener.localAddress().getPort(), new EventLog());
        plain.close();
        FileChannel refused = open("a.bin");
        assertThat(plain.sendFile(refused, 0, 10)).isFalse();
        assertThat(refused.isOpen()).isFalse();
        assertThatThrownBy(() -> listener.sendFile(open("a.bin"), 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendsNothingForAnEmptyRegionAndCountsBytesAfterIt() throws Exception {
        randomFile("a.bin", 10);
        Accepting server = listen(Options.defaults());
        FileChannel empty = open("a.bin");
        assertThat(server.connection.sendFile(empty, 3, 0)).isTrue();
        assertThat(empty.isOpen()).isFalse();
        assertThat(server.connection.queuedBytes()).isZero();
        assertThat(server.connection.send(ByteBuffer.wrap(ascii("x")))).isTrue();
        assertThat(server.connection.queuedBytes()).isEqualTo(1);
    }
}
