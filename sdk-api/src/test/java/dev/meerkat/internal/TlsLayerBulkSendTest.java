package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faketls.FakeRecords;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bulk send over TLS as HTTP's Outbox drives it (pieces topping the queue up to 64 KiB, written
 * while the socket takes them) delivers every byte in order and, once warm, allocates no buffer:
 * the plaintext queue and the ciphertext batches stay within the pool's sizes (issue 12, bulk).
 */
class TlsLayerBulkSendTest {

    private static final int PIECE = 64 * 1024;
    private static final int TOTAL = 8 << 20;
    private static final int MAX_STEPS = 10_000_000;

    @Test
    void aBulkSendDeliversEveryByteAndAllocatesNoBufferPerChunk() throws Exception {
        byte[] body = new byte[TOTAL];
        new Random(12).nextBytes(body);
        try (ServerSocketChannel listener = TlsLayerDrive.smallBufferListener();
             SocketChannel client = SocketChannel.open();
             Socket peer = TlsLayerDrive.connect(listener, client)) {
            TlsLayerDrive drive = new TlsLayerDrive(client, false, 64 * 1024);
            drive.handshake(peer);
            client.configureBlocking(false);
            CompletableFuture<byte[]> arrived = CompletableFuture.supplyAsync(() -> readRecords(peer));
            ByteQueue queued = drive.queued();
            int offered = 0;
            long madeWhenWarm = -1;
            for (int step = 0; offered < TOTAL || !drive.layer().outputDone(); step++) {
                assertThat(step).as("steps to send %d bytes", TOTAL).isLessThan(MAX_STEPS);
                int room = PIECE - queued.size() - drive.layer().pendingOutput();
                int piece = Math.min(Math.max(0, room), TOTAL - offered);
                queued.append(ByteBuffer.wrap(body, offered, piece));
                offered += piece;
                if (drive.layer().write(client) == 0) {
                    Thread.onSpinWait();
                }
                if (offered >= 2 * PIECE && madeWhenWarm < 0) {
                    madeWhenWarm = drive.account().buffersMade();
                }
            }
            client.shutdownOutput();
            byte[] received = arrived.get(30, TimeUnit.SECONDS);

            assertThat(received.length).as("plaintext bytes the peer got").isEqualTo(TOTAL);
            assertThat(Arrays.equals(received, body)).as("the peer got every byte in order").isTrue();
            assertThat(drive.account().buffersMade()).as("buffers allocated after the first two pieces")
                    .isEqualTo(madeWhenWarm);
        }
    }

    /** The peer's side: application records' payloads, decoded, until EOF. */
    private static byte[] readRecords(Socket peer) {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        try {
            DataInputStream in = new DataInputStream(peer.getInputStream());
            byte[] header = new byte[FakeRecords.HEADER];
            while (in.read(header, 0, 1) == 1) {
                in.readFully(header, 1, header.length - 1);
                int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                byte[] payload = in.readNBytes(length);
                if (header[0] == FakeRecords.APPLICATION) {
                    for (byte b : payload) {
                        plaintext.write(b ^ FakeRecords.XOR);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the peer's read failed after " + plaintext.size() + " bytes", e);
        }
        return plaintext.toByteArray();
    }
}
