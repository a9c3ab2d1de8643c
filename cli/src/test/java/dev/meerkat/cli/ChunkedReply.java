package dev.meerkat.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reads an HTTP/1.1 response head and a chunked body from a blocking socket's input, for the echo tests. */
final class ChunkedReply {

    private ChunkedReply() {
    }

    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            head.append(line).append("\r\n");
        }
        return head.toString();
    }

    /** Reads one chunk into {@code to}; false at the last (empty) chunk, after its empty trailer section. */
    static boolean readChunk(InputStream in, OutputStream to) throws IOException {
        int size = Integer.parseInt(readLine(in), 16);
        if (size == 0) {
            expectEmptyLine(in);
            return false;
        }
        to.write(in.readNBytes(size));
        expectEmptyLine(in);
        return true;
    }

    /** Reads the rest of a chunked body, returning how many bytes it had. */
    static long readRest(InputStream in) throws IOException {
        CountingSink counted = new CountingSink();
        while (readChunk(in, counted)) {
            // each round reads one chunk
        }
        return counted.count;
    }

    private static void expectEmptyLine(InputStream in) throws IOException {
        String line = readLine(in);
        if (!line.isEmpty()) {
            throw new IOException("expected CRLF after a chunk but was \"" + line + "\"");
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("expected a line but the stream ended after: " + line);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
