package dev.meerkat.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A blocking socket that writes raw bytes and reads raw answers, with timeouts. */
final class RawClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final InputStream in;

    RawClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
    }

    /** The socket's input, for tests that read large answers themselves. */
    InputStream input() {
        return in;
    }

    void write(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Writes {@code text}; false when the server already closed or reset the connection. */
    boolean tryWrite(String text) {
        try {
            write(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads until {@code text} appeared in what was read, or fails after the socket timeout. */
    String readUntil(String text) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.ISO_8859_1).contains(text)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("expected \"" + text + "\" but the stream ended after: " + got);
            }
            got.write(b);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /** What arrived and can be read without blocking. */
    String available() throws IOException {
        byte[] bytes = new byte[in.available()];
        int read = in.readNBytes(bytes, 0, bytes.length);
        return new String(bytes, 0, read, StandardCharsets.ISO_8859_1);
    }

    /** Reads until the server closes (or fails after the socket timeout). */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** True when the server closed the connection within the timeout, with nothing more sent. */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
