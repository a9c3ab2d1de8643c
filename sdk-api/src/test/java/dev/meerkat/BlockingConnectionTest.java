package dev.meerkat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The blocking view on plain TCP; every TLS provider is in tls-matrix's BlockingTlsMatrixTest. */
@Timeout(60)
class BlockingConnectionTest {
    private static final long WAIT = LoopThread.TIMEOUT.toMillis();
    private final Manager manager = new Manager().start();

    @AfterEach
    void closeManager() throws Exception {
        manager.close();
        assertThat(manager.bufferedBytes()).isZero();
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private String echoServer() throws Exception {
        Connection listener = manager.listenAsync("tcp://127.0.0.1:0", Options.defaults(), PlainTcpTest.ECHO)
                .get(WAIT, TimeUnit.MILLISECONDS);
        return "tcp://127.0.0.1:" + listener.localAddress().getPort();
    }

    /** Reads {@code size} bytes in small reads, so the hand-off fills and the connection pauses and resumes. */
    static byte[] readSlowly(InputStream in, int size) throws Exception {
        byte[] got = new byte[size];
        int at = 0;
        while (at < size) {
            int n = in.read(got, at, Math.min(1000, size - at));
            assertThat(n).as("bytes read after %d of %d", at, size).isPositive();
            at += n;
        }
        return got;
    }

    @Test
    void echoesAMegabyteThroughTheStreamsWithAWriterOnAnotherThread() throws Exception {
        byte[] data = randomBytes(1 << 20);
        try (BlockingConnection c = BlockingConnection.connect(manager, echoServer(), Options.defaults())) {
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = c.outputStream();
                    for (int at = 0; at < data.length; at += 10_000) {
                        out.write(data, at, Math.min(10_000, data.length - at));
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(readSlowly(c.inputStream(), data.length)).isEqualTo(data);
            written.get(WAIT, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void readsEveryByteThenMinusOneAfterTheFin() throws Exception {
        byte[] data = randomBytes(600_000);
        try (RawPeer peer = new RawPeer(socket -> socket.getOutputStream().write(data));
             BlockingConnection c = BlockingConnection.connect(manager, peer.url(), Options.defaults())) {
            InputStream in = c.inputStream();
            assertThat(readSlowly(in, data.length)).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(c.closeReason()).isEqualTo(CloseReason.CLEAN);
            peer.join();
        }
    }

    @Test
    void aResetThrowsNamingItOnlyAfterEveryByte() throws Exception {
        byte[] data = randomBytes(10_000);
        try (RawPeer peer = new RawPeer(socket -> {
                socket.getOutputStream().write(data);
                socket.getInputStream().read();      // the client read everything: now reset
                socket.setSoLinger(true, 0);
             });
             BlockingConnection c = BlockingConnection.connect(manager, peer.url(), Options.defaults())) {
            assertThat(readSlowly(c.inputStream(), data.length)).isEqualTo(data);
            c.outputStream().write(1);
            assertThatThrownBy(() -> c.inputStream().read()).isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("RESET").hasMessageContaining("read 10000 bytes")
                    .satisfies(e -> assertThat(((ConnectionClosedException) e).reason()).isEqualTo(CloseReason.RESET));
            assertThatThrownBy(() -> c.outputStream().write(2)).isInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    void aReadTimeoutLeavesTheConnectionOpen() throws Exception {
        try (BlockingConnection c = BlockingConnection.connect(manager, echoServer(), Options.defaults())) {
            c.readTimeout(Duration.ofMillis(100));
            assertThatThrownBy(() -> c.read(ByteBuffer.allocate(10))).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("100 ms");
            c.outputStream().write(7);
            assertThat(c.inputStream().read()).isEqualTo(7);
        }
    }

    @Test
    void aWriterBlocksWhileThePeerDoesNotReadAndNothingWrittenIsLost() throws Exception {
        ByteBuffer data = ByteBuffer.wrap(randomBytes(32 << 20));
        CompletableFuture<Void> startReading = new CompletableFuture<>();
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        try (RawPeer peer = new RawPeer(socket -> {
                startReading.get(WAIT, TimeUnit.MILLISECONDS);
                received.complete(socket.getInputStream().readAllBytes());
             })) {
            BlockingConnection c = BlockingConnection.connect(manager, peer.url(), Options.defaults());
            c.writeTimeout(Duration.ofMillis(300));
            assertThatThrownBy(() -> c.write(data)).isInstanceOf(SocketTimeoutException.class);
            assertThat(data.position()).as("bytes handed over").isPositive().isLessThan(data.limit());
            long queued = manager.submit(() -> c.connection().queuedBytes()).get(WAIT, TimeUnit.MILLISECONDS);
            assertThat(queued).as("bytes queued in the connection")
                    .isLessThanOrEqualTo(2L * Options.DEFAULT_WRITE_HIGH_WATERMARK);
            c.close();
            startReading.complete(null);
            byte[] got = received.get(WAIT, TimeUnit.MILLISECONDS);
            assertThat(got).isEqualTo(Arrays.copyOf(data.array(), data.position()));
        }
    }

    @Test
    void closeStopsAWaitingReaderAndLaterCallsFail() throws Exception {
        try (BlockingConnection c = BlockingConnection.connect(manager, echoServer(), Options.defaults())) {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    c.read(ByteBuffer.allocate(1));
                    failure.complete(null);
                } catch (Exception e) {
                    failure.complete(e);
                }
            }, "blocked-reader");
            reader.start();
            for (int i = 0; i < 1000 && reader.getState() != Thread.State.WAITING; i++) {
                Thread.sleep(1);
            }
            c.close();
            // Closed while waiting (AsynchronousCloseException) or just before the read began.
            assertThat(failure.get(WAIT, TimeUnit.MILLISECONDS)).isInstanceOf(ClosedChannelException.class);
            assertThat(c.isOpen()).isFalse();
            assertThatThrownBy(() -> c.read(ByteBuffer.allocate(1))).isInstanceOf(ClosedChannelException.class);
        }
    }

    @Test
    void anAcceptorHandsEachInboundConnectionToABlockingThread() throws Exception {
        Connection listener = manager.listenAsync("tcp://127.0.0.1:0", Options.defaults(), BlockingConnection.acceptor(
                c -> new Thread(() -> {
                    try (c) {
                        c.outputStream().write(c.inputStream().readNBytes(5));
                        c.flush();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "blocking-server").start())).get(WAIT, TimeUnit.MILLISECONDS);
        try (Socket socket = new Socket("127.0.0.1", listener.localAddress().getPort())) {
            socket.setSoTimeout((int) WAIT);
            socket.getOutputStream().write("hello".getBytes());
            assertThat(socket.getInputStream().readAllBytes()).asString().isEqualTo("hello");
        }
    }
}
