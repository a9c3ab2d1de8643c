package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.faketls.FakeRecords;
import dev.meerkat.faketls.FakeTlsContext;
import dev.meerkat.tls.TlsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 8, case A, on the TLS layer alone: the peer stopped reading our output, so the socket takes
 * nothing more, and then it sends records (a KeyUpdate that must be answered among them) and ends.
 * Whatever the receive limit, no byte is lost and the end is classified from what the peer sent.
 * The socket is driven by hand, so "backed up" is a fact (a write took 0 bytes), not a timing.
 */
class TlsLayerBackedUpOutputTest {

    enum Ending { CLOSE_NOTIFY, FIN_AFTER_WHOLE_RECORDS, FIN_INSIDE_A_RECORD }

    private static final int UPLOAD = 1 << 20;
    private static final int MAX_STEPS = 100_000;

    @Property(tries = 40)
    void backedUpOutputLosesNoByte(@ForAll @IntRange(min = 0, max = 6) int records,
                                   @ForAll Ending ending,
                                   @ForAll boolean keyUpdate,
                                   @ForAll boolean greedyEngine,
                                   @ForAll @IntRange(min = 1, max = 40_000) int receiveLimit,
                                   @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<byte[]> wire = new ArrayList<>();
        List<byte[]> plaintext = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            if (keyUpdate && random.nextInt(records) == 0) {
                wire.add(FakeRecords.keyUpdate());
            }
            byte[] payload = new byte[1 + random.nextInt(FakeRecords.MAX_PAYLOAD)];
            random.nextBytes(payload);
            plaintext.add(payload);
            wire.add(FakeRecords.data(payload));
        }
        wire.add(endingBytes(ending, random));

        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(); Socket peer = connect(listener, client)) {
                Drive drive = new Drive(client, greedyEngine, receiveLimit);
                drive.handshake(peer);
                drive.backUpOutput();
                OutputStream out = peer.getOutputStream();
                out.write(FakeRecords.concat(wire.toArray(byte[][]::new)));
                socketFin(peer);
                drive.readToEnd();
                byte[] sent = FakeRecords.concat(plaintext.toArray(byte[][]::new));
                assertThat(drive.delivered().length).as("plaintext bytes delivered").isEqualTo(sent.length);
                assertThat(Arrays.equals(drive.delivered(), sent)).as("plaintext delivered is what was sent").isTrue();
                assertThat(drive.layer.classifyEnd()).as("close reason").isEqualTo(expectedReason(ending));
            }
        }
    }

    private static Socket connect(ServerSocketChannel listener, SocketChannel client) throws IOException {
        client.setOption(StandardSocketOptions.SO_SNDBUF, 8192);
        client.connect(listener.getLocalAddress());
        Socket peer = listener.accept().socket();
        peer.setSoTimeout(10_000);
        return peer;
    }

    private static void socketFin(Socket peer) throws IOException {
        peer.getOutputStream().flush();
        peer.shutdownOutput();
    }

    /** The client side: a TLS layer over a real socket, stepped by the test. */
    private static final class Drive {
        private final SocketChannel channel;
        private final BufferAccount account = new BufferAccount();
        private final ByteQueue received = new ByteQueue(account);
        private final ByteQueue queued = new ByteQueue(account);
        private final TlsLayer layer;
        private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();

        Drive(SocketChannel channel, boolean greedy, int receiveLimit) {
            this.channel = channel;
            this.layer = new TlsLayer(new FakeTlsContext(greedy).newEngine("peer", 443), received, queued,
                    account, receiveLimit, session -> { });
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
                assertThat(layer.read(channel, layer.readBudget())).as("bytes read during the handshake")
                        .isNotNegative();
                layer.decode();
            }
        }

        /** Queues more than the socket takes, and writes until a write takes nothing. */
        void backUpOutput() throws IOException {
            channel.configureBlocking(false);
            queued.append(ByteBuffer.allocate(UPLOAD));
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
                ended |= budget > 0 && !ended && layer.read(channel, budget) < 0;
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

        byte[] delivered() {
            return delivered.toByteArray();
        }
    }

    private static byte[] endingBytes(Ending ending, Random random) {
        return switch (ending) {
            case CLOSE_NOTIFY -> FakeRecords.closeNotify();
            case FIN_AFTER_WHOLE_RECORDS -> new byte[0];
            case FIN_INSIDE_A_RECORD -> {
                byte[] cut = FakeRecords.data(new byte[1 + random.nextInt(2000)]);
                yield Arrays.copyOf(cut, 1 + random.nextInt(cut.length - 1));
            }
        };
    }

    private static CloseReason expectedReason(Ending ending) {
        return switch (ending) {
            case CLOSE_NOTIFY -> CloseReason.CLEAN;
            case FIN_AFTER_WHOLE_RECORDS -> CloseReason.TRUNCATED_NO_CLOSE_NOTIFY;
            case FIN_INSIDE_A_RECORD -> CloseReason.TRUNCATED_PARTIAL_RECORD;
        };
    }
}
