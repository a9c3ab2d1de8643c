package dev.meerkat.cli;

import dev.meerkat.tls.KeyMaterial;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.SplittableRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Servers and data for the command tests; everything binds 127.0.0.1. */
final class TestServers {

    private TestServers() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** {@code meerkat serve} in this process, its announcements discarded. */
    static ServeCommand.Running serve(String... args) throws UsageException {
        return ServeCommand.parse(List.of(args)).start(new PrintStream(OutputStream.nullOutputStream()));
    }

    /** A port nothing listens on: bound once, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A plain TCP server that reads one request head and resets the connection (SO_LINGER 0) instead of answering. */
    static final class ResettingServer implements AutoCloseable {
        private final ServerSocket listener;
        private final Thread thread;

        ResettingServer() throws IOException {
            this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            this.thread = new Thread(this::resetOnce, "resetting-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void resetOnce() {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(20_000);
                readHead(socket.getInputStream());
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // The test sees the outcome on the client side.
            }
        }

        @Override
        public void close() throws Exception {
            listener.close();
            thread.join(10_000);
        }
    }

    /** Reads bytes up to the empty line that ends a request head. */
    static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("expected a request head but the input ended");
            }
            head.write(b);
        }
    }

    /**
     * A server that answers one request over TLS with a close-delimited HTTP/1.0 body, then closes
     * the TCP socket without close_notify: the server of Mongoose issue 2570.
     */
    static final class TruncatingTlsServer implements AutoCloseable {
        private final ServerSocket listener;
        private final SSLContext context;
        private final byte[] body;
        private final Thread thread;

        TruncatingTlsServer(KeyMaterial certificate, byte[] body) throws Exception {
            this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            this.context = sslContext(certificate);
            this.body = body;
            this.thread = new Thread(this::answerOnce, "truncating-tls-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void answerOnce() {
            try (Socket raw = listener.accept()) {
                raw.setSoTimeout(20_000);
                SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(), false);
                tls.setUseClientMode(false);
                readHead(tls.getInputStream());
                OutputStream out = tls.getOutputStream();
                out.write("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                // Closing the raw socket, not the SSLSocket: TCP FIN with no close_notify before it.
            } catch (IOException e) {
                // The test sees the outcome on the client side.
            }
        }

        static SSLContext sslContext(KeyMaterial certificate) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "test".toCharArray();
            store.setKeyEntry("server", certificate.privateKey(), password,
                    certificate.chain().toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }

        @Override
        public void close() throws Exception {
            listener.close();
            thread.join(10_000);
        }
    }
}
