package dev.meerkat.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plain-socket stand-in for a TLS server: reads a request of known length, writes hand-made
 * records one write each, sends FIN, then reads until the client's FIN. Records what it received.
 */
final class ScriptedServer implements AutoCloseable {

    private final ServerSocket listener;
    private final CompletableFuture<byte[]> received = new CompletableFuture<>();

    private ScriptedServer(int requestLength, List<TlsRecord> records) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(10_000);
        Thread thread = new Thread(() -> serve(requestLength, records), "scripted-server");
        thread.setDaemon(true);
        thread.start();
    }

    static ScriptedServer start(int requestLength, List<TlsRecord> records) throws IOException {
        return new ScriptedServer(requestLength, records);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Everything the client sent, once it closed. */
    byte[] received() throws Exception {
        return received.get(10, TimeUnit.SECONDS);
    }

    private void serve(int requestLength, List<TlsRecord> records) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(in.readNBytes(requestLength));
            OutputStream out = socket.getOutputStream();
            for (TlsRecord record : records) {
                out.write(record.bytes());
                out.flush();
            }
            socket.shutdownOutput();
            request.writeBytes(in.readAllBytes());
            received.complete(request.toByteArray());
        } catch (IOException e) {
            received.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
