package dev.meerkat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A blocking peer on a raw socket, run on its own thread: it accepts one connection and runs a
 * script that writes and reads fake TLS records byte for byte as the test wants them.
 */
final class RawPeer implements AutoCloseable {
    interface Script {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    RawPeer(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                socket.setTcpNoDelay(true);
                script.run(socket);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "raw-peer");
        thread.setDaemon(true);
        thread.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Reads one whole fake record (header and payload). */
    static byte[] readRecord(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[5];
        in.readFully(header);
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        byte[] record = new byte[5 + length];
        System.arraycopy(header, 0, record, 0, 5);
        in.readFully(record, 5, length);
        return record;
    }

    /** Waits for the script to end and rethrows what it threw. */
    void join() throws Exception {
        thread.join(10_000);
        if (thread.isAlive()) {
            throw new AssertionError("expected the raw peer to finish within 10 s");
        }
        Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t != null) {
            throw new AssertionError("raw peer failed", t);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
