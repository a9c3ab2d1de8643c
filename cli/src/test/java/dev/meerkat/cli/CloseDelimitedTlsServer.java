package dev.meerkat.cli;

import dev.meerkat.tls.KeyMaterial;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A well-behaved TLS server on 127.0.0.1 that answers every connection, one after the other, with a
 * close-delimited HTTP/1.0 body, then close_notify and FIN: whatever a client sees wrong through
 * {@code meerkat proxy} is the proxy's fault.
 */
final class CloseDelimitedTlsServer implements AutoCloseable {

    private final ServerSocket listener;
    private final SSLContext context;
    private final byte[] body;
    private final Thread thread;

    CloseDelimitedTlsServer(KeyMaterial certificate, byte[] body) throws Exception {
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.context = TestServers.TruncatingTlsServer.sslContext(certificate);
        this.body = body;
        this.thread = new Thread(this::answerAll, "close-delimited-tls-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void answerAll() {
        while (!listener.isClosed()) {
            try (Socket raw = listener.accept()) {
                answer(raw);
            } catch (IOException e) {
                // A faulted connection or the listener closing: the test sees the outcome on the client side.
            }
        }
    }

    private void answer(Socket raw) throws IOException {
        raw.setSoTimeout(20_000);
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(),
                true)) {
            tls.setUseClientMode(false);
            TestServers.readHead(tls.getInputStream());
            OutputStream out = tls.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        thread.join(10_000);
    }
}
