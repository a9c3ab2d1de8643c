package dev.meerkat.tls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.Connection;
import dev.meerkat.Event;
import dev.meerkat.Handler;
import dev.meerkat.Manager;
import dev.meerkat.Options;
import dev.meerkat.tls.TlsContext;
import dev.meerkat.tls.TlsVersion;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Connection#sendFile} over TLS: the core reads a region a batch at a time into one direct
 * buffer and encrypts it from there (docs/ARCHITECTURE.md, "The send path"). Every byte arrives in
 * order with the bytes sent before and after it, the file is closed however the connection ends, and
 * a file that ends early fails the connection instead of hanging it.
 */
public abstract class FileRegionCases extends KeyLogCases {

    /** Larger than loopback's socket buffers (a few MiB each way) hold while the reader waits. */
    private static final int REGION = 8 * 1024 * 1024;
    /** A sparse file: larger than the socket buffers, so its region is still being sent when it shrinks. */
    private static final int SHRINKING = 48 * 1024 * 1024;
    /** The reader's receive limit: at most this many plaintext bytes wait in it at a time. */
    private static final int SLOW_READS = 4096;
    /** Polls while the reader waits: the sender fills the socket buffers meanwhile. */
    private static final int WAITING_POLLS = 50;
    /** What the sender may hold while backed up: a batch of the file, one of ciphertext, a record. */
    private static final int MOST_HELD = 3 * 64 * 1024;
    private static final int PEER_READS = 100_000;
    private static final byte[] HEAD = {'h', 'e', 'a', 'd'};
    private static final byte[] TAIL = {'t', 'a', 'i', 'l'};

    /** Where the regions' files are written; new for each test. */
    @TempDir
    protected Path fileDir;

    /** For subclasses: a backend names its provider in a few lines. */
    protected FileRegionCases() {
    }

    /**
     * Bytes, a region much bigger than the socket buffers, bytes, to a reader that first reads
     * nothing (the region waits, holding at most one batch of the file) and then takes 4 KiB at a
     * time: every byte arrives in order, then close_notify, and the file is closed.
     *
     * @throws Exception when the file cannot be written, a context cannot be made, or a wait fails
     */
    @Test
    public void aSlowReaderGetsBytesARegionAndBytesInOrder() throws Exception {
        Payload file = Payload.random(REGION, 12);
        Path path = Files.write(fileDir.resolve("region.bin"), file.bytes());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        TlsVersion version = newestVersion();
        try (TlsContext server = serverContext(serverConfig(version, pki.server()));
             TlsContext client = clientContext(clientConfig(version));
             Manager manager = new Manager()) {
            Sender sender = new Sender(connection -> {
                connection.send(HEAD);
                connection.sendFile(channel, 1, REGION - 1);
                connection.send(TAIL);
                connection.closeAfterFlush();
            });
            EventLog reader = new EventLog();
            Connection connection = connect(manager, server, client, sender, reader, SLOW_READS);
            pollUntil(manager, () -> sender.log.entries().contains("Write"), "the first bytes written", reader);
            for (int i = 0; i < WAITING_POLLS; i++) {
                manager.poll(1);
            }
            assertThat(sender.connection.queuedBytes()).as("bytes the paused reader left queued").isPositive();
            assertThat(manager.bufferedBytes()).as("bytes held while backed up").isLessThanOrEqualTo(MOST_HELD);
            connection.resumeReading();
            pollUntil(manager, reader::isClosed, "every byte, then the close", reader);

            byte[] expected = new byte[HEAD.length + REGION - 1 + TAIL.length];
            System.arraycopy(HEAD, 0, expected, 0, HEAD.length);
            System.arraycopy(file.bytes(), 1, expected, HEAD.length, REGION - 1);
            System.arraycopy(TAIL, 0, expected, expected.length - TAIL.length, TAIL.length);
            assertThat(Outcome.of(reader)).as("reader over %s: %s", version, reader)
                    .isEqualTo(Outcome.delivered(Payload.of(expected), expected.length, CloseReason.CLEAN));
            assertThat(channel.isOpen()).as("the region's file, closed once sent").isFalse();
        }
    }

    /**
     * The peer resets the connection in the middle of a region: the file is closed and the close is
     * classified as every reset is (docs/ARCHITECTURE.md, "The lifecycle"): RESET, whether the read
     * meets it or the write does first and the read after sees only the end of input.
     *
     * @throws Exception when the file cannot be made, a context cannot be made, or a wait fails
     */
    @Test
    public void closesTheFileWhenThePeerResetsMidRegion() throws Exception {
        Path path = sparseFile("big.bin", SHRINKING);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        TlsVersion version = newestVersion();
        try (TlsContext server = serverContext(serverConfig(version, pki.server()));
             Manager manager = new Manager()) {
            Sender sender = new Sender(connection -> connection.sendFile(channel, 0, SHRINKING));
            Connection listener = manager.listen("tls://127.0.0.1:0", Options.defaults().withTls(server), sender);
            CompletableFuture<Long> peer = CompletableFuture.supplyAsync(
                    () -> readThenReset(listener.localAddress().getPort(), version));
            pollUntil(manager, sender.log::isClosed, "the sender's Close after the reset", sender.log);

            assertThat(peer.get(ScenarioRunner.DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("bytes the peer read")
                    .isEqualTo(PEER_READS);
            assertThat(sender.log.reason()).as("sender: %s", sender.log).isEqualTo(CloseReason.RESET);
            assertThat(channel.isOpen()).as("the region's file, closed with the connection").isFalse();
        }
    }

    /**
     * The file shrinks while its region is sent: the connection fails with an error that says where
     * the file ended, instead of waiting for bytes that will never come, and the file is closed.
     *
     * @throws Exception when the file cannot be made, a context cannot be made, or a wait fails
     */
    @Test
    public void failsTheConnectionWhenTheFileShrinksWhileSending() throws Exception {
        Path path = sparseFile("big.bin", SHRINKING);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        TlsVersion version = newestVersion();
        try (TlsContext server = serverContext(serverConfig(version, pki.server()));
             TlsContext client = clientContext(clientConfig(version));
             Manager manager = new Manager()) {
            Sender sender = new Sender(connection -> connection.sendFile(channel, 0, SHRINKING));
            EventLog reader = new EventLog();
            Connection connection = connect(manager, server, client, sender, reader, SLOW_READS);
            pollUntil(manager, () -> sender.log.entries().contains("Write"), "the first bytes written", reader);
            for (int i = 0; i < WAITING_POLLS; i++) {
                manager.poll(1);
            }
            try (RandomAccessFile writer = new RandomAccessFile(path.toFile(), "rw")) {
                writer.setLength(SHRINKING / 2);
            }
            connection.resumeReading();
            pollUntil(manager, sender.log::isClosed, "the sender's Close once the file ended early", sender.log);

            assertThat(sender.log.reason()).as("sender: %s", sender.log).isEqualTo(CloseReason.ERROR);
            assertThat(sender.log.error()).hasMessageContaining("sending a file region failed")
                    .hasMessageContaining("ends at " + SHRINKING / 2);
            assertThat(reader.bytes()).as("bytes the reader got before the failure").isLessThanOrEqualTo(SHRINKING / 2);
            assertThat(channel.isOpen()).as("the region's file, closed with the connection").isFalse();
        }
    }

    /**
     * A listener sending as {@code sender} says, and a client to it whose handler records into
     * {@code reader} and pauses reading once its handshake is done (the test resumes it).
     */
    private static Connection connect(Manager manager, TlsContext server, TlsContext client, Sender sender,
                                      EventLog reader, int receiveLimit) {
        Connection listener = manager.listen("tls://127.0.0.1:0", Options.defaults().withTls(server), sender);
        return manager.connect("tls://127.0.0.1:" + listener.localAddress().getPort(),
                Options.defaults().withTls(client).withReceiveLimit(receiveLimit), (c, e) -> {
                    reader.record(e);
                    if (e instanceof Event.TlsHandshake) {
                        c.pauseReading();
                    }
                });
    }

    /** A file of {@code size} zero bytes that takes no disk: these cases only need its length. */
    private Path sparseFile(String name, long size) throws IOException {
        Path path = fileDir.resolve(name);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(size);
        }
        return path;
    }

    /** A JDK client that reads {@link #PEER_READS} bytes, then resets its socket without close_notify; returns bytes read. */
    private long readThenReset(int port, TlsVersion version) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {JsseStores.trustManager(JsseStores.caCertificate(pki))}, null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", port, false);
            tls.setEnabledProtocols(new String[] {version.protocolName()});
            tls.setSoTimeout((int) ScenarioRunner.DEADLINE.toMillis());
            long read = tls.getInputStream().readNBytes(PEER_READS).length;
            // SO_LINGER 0 on the plain socket: its close sends RST, and no close_notify goes first.
            socket.setSoLinger(true, 0);
            return read;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the resetting peer failed", e);
        }
    }

    private static void pollUntil(Manager manager, BooleanSupplier done, String what, EventLog log) {
        ScenarioRunner.pollUntil(manager, done, () -> "expected " + what + " within " + ScenarioRunner.DEADLINE
                + " but saw: " + log);
    }

    /** The accepted connection's handler (not the listener's): sends once the handshake is done, logs every event. */
    private static final class Sender implements Handler {
        private final Consumer<Connection> sending;
        final EventLog log = new EventLog();
        Connection connection;

        Sender(Consumer<Connection> sending) {
            this.sending = sending;
        }

        @Override
        public void handle(Connection c, Event event) {
            if (event instanceof Event.Accept) {
                connection = c;
            }
            if (c != connection) {
                return;
            }
            log.record(event);
            if (event instanceof Event.TlsHandshake) {
                sending.accept(c);
            }
        }
    }
}
