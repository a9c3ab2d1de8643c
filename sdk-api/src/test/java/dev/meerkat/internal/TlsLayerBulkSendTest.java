package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.faketls.FakeRecords;
import dev.meerkat.faketls.FakeTlsContext;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk send over TLS as HTTP's Outbox drives it (pieces topping the queue up to 64 KiB, written
 * while the socket takes them) delivers every byte in order and, once warm, allocates no buffer:
 * the plaintext queue and the ciphertext batches stay within the pool's sizes (issue 12, bulk). A
 * file region does the same from its file.
 */
class TlsLayerBulkSendTest {

    private static final int PIECE = 64 * 1024;
    private static final int TOTAL = 8 << 20;
    private static final int MAX_STEPS = 10_000_000;
    /**
     * Buffers a warm connection may still take once: how much of a batch an 8 KiB socket took decides
     * whether a record is wrapped alone (a 20 KiB buffer) and how big the next piece is, so a pool size
     * may be first needed after the first pieces. Per chunk, an 8 MiB send would take hundreds.
     */
    private static final int FIRST_USES = 2;

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
                    .isLessThanOrEqualTo(madeWhenWarm + FIRST_USES);
        }
    }

    /**
     * Bytes, a file region, bytes: the region is read a batch at a time into one pooled direct
     * buffer and encrypted from it, so every byte arrives in order, no buffer is allocated between
     * the first and the last two batches (the region's shorter last batch and the tail's record take
     * sizes of their own once), at most one batch of the file is held beside the ciphertext, and the
     * file is closed.
     */
    @Test
    void aFileRegionDeliversEveryByteInOrderHoldingOneBatch(@TempDir Path dir) throws Exception {
        byte[] body = new byte[TOTAL];
        new Random(13).nextBytes(body);
        Path file = Files.write(dir.resolve("region.bin"), body);
        byte[] head = "head".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "tail".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocketChannel listener = TlsLayerDrive.smallBufferListener();
             SocketChannel client = SocketChannel.open();
             Socket peer = TlsLayerDrive.connect(listener, client);
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            TlsLayerDrive drive = new TlsLayerDrive(client, false, 64 * 1024);
            drive.handshake(peer);
            client.configureBlocking(false);
            CompletableFuture<byte[]> arrived = CompletableFuture.supplyAsync(() -> readRecords(peer));
            drive.queued().append(ByteBuffer.wrap(head));
            drive.regions().add(channel, 1, TOTAL - 1);
            drive.regions().append(ByteBuffer.wrap(tail));
            long madeWhenWarm = -1;
            long madeBeforeEnd = -1;
            long mostHeld = 0;
            for (int step = 0; !drive.layer().outputDone(); step++) {
                assertThat(step).as("steps to send %d bytes", TOTAL).isLessThan(MAX_STEPS);
                if (drive.layer().write(client) == 0) {
                    Thread.onSpinWait();
                }
                mostHeld = Math.max(mostHeld, drive.account().bytes());
                long left = drive.regions().size();
                if (left < TOTAL - 2 * PIECE && madeWhenWarm < 0) {
                    madeWhenWarm = drive.account().buffersMade();
                }
                if (left < 2 * PIECE && madeBeforeEnd < 0) {
                    madeBeforeEnd = drive.account().buffersMade();
                }
            }
            client.shutdownOutput();
            byte[] received = arrived.get(30, TimeUnit.SECONDS);

            byte[] expected = ByteBuffer.allocate(head.length + TOTAL - 1 + tail.length)
                    .put(head).put(body, 1, TOTAL - 1).put(tail).array();
            assertThat(received.length).as("plaintext bytes the peer got").isEqualTo(expected.length);
            assertThat(Arrays.equals(received, expected)).as("the peer got every byte in order").isTrue();
            assertThat(madeBeforeEnd).as("buffers allocated from the second batch to the last two")
                    .isLessThanOrEqualTo(madeWhenWarm + FIRST_USES);
            assertThat(mostHeld).as("bytes held at most: a batch of the file, one of ciphertext, the tail's queue")
                    .isLessThanOrEqualTo(2 * PIECE + 4096);
            assertThat(channel.isOpen()).as("the region's file, closed once sent").isFalse();
        }
    }

    /**
     * A reader that takes every byte at once (a socket that never fills) still gets a region in
     * writes of at most {@link FileRegions#MAX_TRANSFER} and a batch: one write over a whole file
     * would keep the loop from its other connections until the file was sent.
     */
    @Test
    void oneWriteSendsABoundedPartOfARegion(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("region.bin"), new byte[TOTAL]);
        BufferAccount account = new BufferAccount();
        ByteQueue received = new ByteQueue(account);
        FileRegions regions = new FileRegions(account);
        TlsLayer layer = new TlsLayer(new FakeTlsContext().newEngine("peer", 443), received, new ByteQueue(account),
                regions, account, 64 * 1024, session -> { });
        ScriptedChannel channel = new ScriptedChannel(Integer.MAX_VALUE);
        layer.write(channel);
        channel.send(FakeRecords.hello());
        layer.read(channel, layer.readBudget(), ByteBuffer.allocate(ByteQueue.READ_CHUNK));
        layer.decode();
        assertThat(layer.isEstablished()).as("handshake complete").isTrue();
        FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
        regions.add(opened, 0, TOTAL);

        int writes = 0;
        for (long sent = 0; sent < TOTAL; writes++) {
            assertThat(writes).as("writes to send %d bytes", TOTAL).isLessThan(TOTAL / FileRegions.MAX_TRANSFER * 2);
            int written = layer.write(channel);
            assertThat(written).as("bytes of write %d", writes).isPositive()
                    .isLessThanOrEqualTo(FileRegions.MAX_TRANSFER + PIECE);
            sent = regions.isEmpty() ? TOTAL : TOTAL - regions.size();
        }
        assertThat(opened.isOpen()).as("the region's file, closed once sent").isFalse();
        layer.release();
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
