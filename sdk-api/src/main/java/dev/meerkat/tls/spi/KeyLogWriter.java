package dev.meerkat.tls.spi;

import dev.meerkat.tls.TlsConfig;
import dev.meerkat.tls.TlsException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Where a provider hands the secrets of its connections when the config asks for a key log
 * ({@link TlsConfig#keyLogFile()}). The file is in the NSS key log format that Wireshark, curl and
 * OpenSSL share: one line per secret, {@code LABEL <client random> <secret>}, both in lower-case hex.
 *
 * <p>One writer per file, shared by every context that names it. Each line is one append
 * ({@code O_APPEND}) under the writer's lock, so the lines of concurrent handshakes, and of other
 * processes appending to the same file, never interleave. The file is opened for each line and closed
 * again: a few lines per handshake, written only while debugging, are worth no descriptor held for the
 * life of the process, and the writer follows a file the user deleted to start afresh.
 *
 * <p>Writing a key log must never break a connection: a failed write is logged once and the line is
 * lost. That the secrets are being written is logged once per file, at WARNING, when the first
 * context names it.
 */
public final class KeyLogWriter {

    private static final System.Logger LOG = System.getLogger(KeyLogWriter.class.getName());
    private static final Map<Path, KeyLogWriter> WRITERS = new ConcurrentHashMap<>();
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;
    private final AtomicBoolean failed = new AtomicBoolean();

    private KeyLogWriter(Path file) {
        this.file = file;
    }

    /**
     * The shared writer for the config's key log, or null when the config has none. The first call
     * for a file creates it (readable by its owner only) and logs the warning.
     *
     * @param config the config of a context being made
     * @return the writer of {@link TlsConfig#keyLogFile()}, or null
     * @throws TlsException {@link TlsException.Kind#CONFIGURATION} when the file cannot be written
     */
    public static @Nullable KeyLogWriter of(TlsConfig config) throws TlsException {
        Path file = config.keyLogFile();
        if (file == null) {
            return null;
        }
        Path key = file.toAbsolutePath().normalize();
        KeyLogWriter writer = WRITERS.get(key);
        if (writer != null) {
            return writer;
        }
        synchronized (WRITERS) {
            writer = WRITERS.get(key);
            if (writer == null) {
                createIfMissing(key);
                writer = new KeyLogWriter(key);
                WRITERS.put(key, writer);
                LOG.log(Level.WARNING, "TLS key log on: the secrets of every TLS connection go to " + key
                        + "; anyone who can read that file can decrypt the traffic");
            }
            return writer;
        }
    }

    /** {@return the file the lines go to} */
    public Path file() {
        return file;
    }

    /**
     * Writes one secret as a line.
     *
     * @param label        the secret's name in the NSS format ({@code CLIENT_RANDOM}, {@code CLIENT_TRAFFIC_SECRET_0}...)
     * @param clientRandom the connection's ClientHello.random, which names the connection
     * @param secret       the secret's bytes
     */
    public void secret(String label, byte[] clientRandom, byte[] secret) {
        line(label + ' ' + HEX.formatHex(clientRandom) + ' ' + HEX.formatHex(secret));
    }

    /**
     * Writes one whole line as a TLS library formatted it.
     *
     * @param line the NSS key log line, without its line end
     */
    public synchronized void line(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + '\n').getBytes(StandardCharsets.US_ASCII));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                StandardOpenOption.CREATE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            failed.set(false);
        } catch (IOException e) {
            if (failed.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "cannot append to the TLS key log " + file + "; its lines are lost until"
                        + " a write succeeds", e);
            }
        }
    }

    /** Owner-only where the file system has POSIX permissions: the file holds keys. */
    private static void createIfMissing(Path file) throws TlsException {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isWritable(file) || Files.isDirectory(file)) {
                throw new TlsException(TlsException.Kind.CONFIGURATION, "expected a writable key log file but "
                        + file + " is " + (Files.isDirectory(file) ? "a directory" : "not writable"), e);
            }
        } catch (IOException e) {
            throw new TlsException(TlsException.Kind.CONFIGURATION, "cannot create the key log file " + file + ": " + e, e);
        }
    }
}
