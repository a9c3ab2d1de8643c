package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faketls.FakeRecords;
import dev.meerkat.faketls.FakeTlsContext;
import dev.meerkat.tls.TlsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** The client side of a test: a {@link TlsLayer} with a fake engine over a real socket, stepped by hand. */
final class TlsLayerDrive {

    private static final int MAX_STEPS = 100_000;

    private final SocketChannel channel;
    private final BufferAccount account = new BufferAccount();
    /** The loop's read scratch buffer, as Loop gives every socket read. */
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(ByteQueue.READ_CHUNK);
    private final ByteQueue received = new ByteQueue(account);
    private final ByteQueue queued = new ByteQueue(account);
    private final FileRegions regions = new FileRegions(account);
    private final TlsLayer layer;
    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();

    /** A loopback listener whose accepted sockets have a 4096-byte receive buffer, set before bind. */
    static ServerSocketChannel smallBufferListener() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return listener;
    }

    /** Connects {@code client} (small send buffer) to {@code listener}; returns the peer's socket. */
    static Socket connect(ServerSocketChannel listener, SocketChannel client) throws IOException {
        client.setOption(StandardSocketOptions.SO_SNDBUF, 8192);
        client.connect(listener.getLocalAddress());
        Socket peer = listener.accept().socket();
        peer.setSoTimeout(10_000);
        return peer;
    }

    TlsLayerDrive(SocketChannel channel, boolean greedy, int receiveLimit) {
        this.channel = channel;
        this.layer = new TlsLayer(new FakeTlsContext(greedy).newEngine("peer", 443), received, queued,
                regions, account, receiveLimit, session -> { });
    }

    /** Blocking: the hello each way. */
    void handshake(Socket peer) throws IOException, TlsException {
        layer.write(channel);
        InputStream in = peer.getInputStream();
        byte[] hello = in.readNBytes(FakeRecords.hello().length);
        assertThat(hello).as("the client's hello").isEqualTo(FakeRecords.hello());
        peer.getOutputStream().write(FakeRecords.hello());
        for (int step = 0; !layer.isEstablished(); step++) {
            assertThat(step).as("steps to complete the handshake").isLessThan(MAX_STEPS);
            assertThat(layer.read(channel, layer.readBudget(), scratch)).as("bytes read during the handshake")
                    .isNotNegative();
            layer.decode();
        }
    }

    /** Queues more than the socket takes, and writes until a write takes nothing. */
    void backUpOutput(int upload) throws IOException {
        channel.configureBlocking(false);
        queued.append(ByteBuffer.allocate(upload));
        int steps = 0;
        while (layer.write(channel) > 0) {
            assertThat(++steps).as("writes before the socket is full").isLessThan(MAX_STEPS);
        }
        assertThat(queued.size()).as("upload bytes the socket did not take").isPositive();
    }

    /** Reads (blocking) until EOF, decoding and taking every plaintext byte as a handler would. */
    void readToEnd() throws IOException, TlsException {
        channel.configureBlocking(true);
        boolean ended = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            int budget = layer.readBudget();
            ended |= budget > 0 && !ended && layer.read(channel, budget, scratch) < 0;
            boolean moved = layer.decode();
            moved |= take();
            if ((ended || layer.peerClosed()) && !moved) {
                return;
            }
        }
        throw new AssertionError("expected the input to end within " + MAX_STEPS + " steps");
    }

    private boolean take() {
        if (received.isEmpty()) {
            return false;
        }
        ByteBuffer view = received.readable();
        delivered.write(view.array(), view.arrayOffset() + view.position(), view.remaining());
        received.consume(view.remaining());
        return true;
    }

    TlsLayer layer() {
        return layer;
    }

    /** The plaintext queue the layer encrypts from, as the connection's send fills it. */
    ByteQueue queued() {
        return queued;
    }

    /** The file regions the layer encrypts after the queued bytes, as the connection's sendFile fills them. */
    FileRegions regions() {
        return regions;
    }

    BufferAccount account() {
        return account;
    }

    /** Reads (blocking) until EOF before decoding anything, then decodes once and takes nothing. */
    void readAllThenDecodeOnce() throws IOException, TlsException {
        channel.configureBlocking(true);
        for (int step = 0; layer.read(channel, layer.readBudget(), scratch) >= 0; step++) {
            assertThat(step).as("reads before EOF").isLessThan(MAX_STEPS);
        }
        layer.decode();
    }

    byte[] delivered() {
        return delivered.toByteArray();
    }
}
