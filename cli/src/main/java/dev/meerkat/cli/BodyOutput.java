package dev.meerkat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where {@code get} writes heads and bodies as they arrive: stdout, or the file of {@code -o},
 * created at the first byte as curl does (an error status under {@code -f} leaves no file) and
 * keeping every byte that arrived before a failure. Written on the loop thread.
 */
final class BodyOutput implements AutoCloseable {

    private final Path file;
    private final PrintStream stdout;
    private FileChannel channel;

    /** {@code file} null: stdout. */
    BodyOutput(Path file, PrintStream stdout) {
        this.file = file;
        this.stdout = stdout;
    }

    void write(ByteBuffer data) throws IOException {
        if (file == null) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            stdout.write(bytes, 0, bytes.length);
            if (stdout.checkError()) {
                throw new IOException("stdout refused the bytes");
            }
            return;
        }
        FileChannel c = open();
        while (data.hasRemaining()) {
            c.write(data);
        }
    }

    /** Creates the file of a whole transfer that had no byte to write, as curl does. */
    void whole() throws IOException {
        if (file != null) {
            open();
        }
    }

    String describe() {
        return file == null ? "stdout" : file.toString();
    }

    private FileChannel open() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
        return channel;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        } else {
            stdout.flush();
        }
    }
}
