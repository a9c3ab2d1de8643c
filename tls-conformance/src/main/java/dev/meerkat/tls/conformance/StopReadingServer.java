package dev.meerkat.tls.conformance;

import dev.meerkat.tls.KeyMaterial;
import dev.meerkat.tls.TlsVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A hostile TLS server (issue 8, case A): it reads the request head only and then stops reading,
 * so the client's upload backs up (its receive buffer is 4096 bytes, set before bind). On
 * {@link #respond()} it starts a handshake on the established connection (TLS 1.3: KeyUpdate with
 * update_requested, TLS 1.2: HelloRequest, as SunJSSE's {@code beginHandshake()} does), then writes
 * the response, close_notify and FIN. On {@link #drainAndClose()} it reads and discards everything
 * until the client's FIN, as a server with a lingering close does, and closes.
 *
 * <p>On {@link #respondAndReset()} it sends only the response and then closes with the upload
 * unread, so Linux sends RST: the reset that a write, not a read, may take first.
 */
public final class StopReadingServer implements AutoCloseable {

    /**
     * What the server did, so that a test can check that it did what it claims.
     *
     * @param protocol        the negotiated protocol, "TLSv1.2" or "TLSv1.3"
     * @param handshakeBytes  the records the server's second handshake produced (KeyUpdate or HelloRequest)
     * @param cipherBytesRead the ciphertext bytes the server read from the client before it stopped
     */
    public record Report(String protocol, byte[] handshakeBytes, long cipherBytesRead) {

        /**
         * The TLS content type of the first record the server's second handshake produced.
         *
         * @return the content type (22 handshake, 23 application data), or -1 when there was none
         */
        public int firstRecordType() {
            return handshakeBytes.length == 0 ? -1 : handshakeBytes[0] & 0xff;
        }

        /**
         * How many whole TLS records the second handshake produced.
         *
         * @return the record count
         */
        public int recordCount() {
            int count = 0;
            for (int at = 0; at + 5 <= handshakeBytes.length; count++) {
                at += 5 + ((handshakeBytes[at + 3] & 0xff) << 8 | handshakeBytes[at + 4] & 0xff);
            }
            return count;
        }
    }

    private static final int RECEIVE_BUFFER = 4096;
    private static final int TIMEOUT_MILLIS = 20_000;

    private final ServerSocket listener;
    private final CompletableFuture<Report> report = new CompletableFuture<>();
    private final CountDownLatch respond = new CountDownLatch(1);
    private final CountDownLatch drain = new CountDownLatch(1);
    private volatile boolean reset;
    private final Thread thread;

    private StopReadingServer(SSLContext context, TlsVersion version, byte[] response) throws IOException {
        listener = new ServerSocket();
        listener.setReceiveBufferSize(RECEIVE_BUFFER);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        listener.setSoTimeout(TIMEOUT_MILLIS);
        thread = new Thread(() -> serve(context, version, response), "stop-reading-server");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts a server with {@code material}, speaking only {@code version}, that will send {@code response}.
     * It accepts one connection, on its own thread.
     *
     * @param material the server's key and chain
     * @param version  the one TLS version it speaks
     * @param response the plaintext it sends after its second handshake
     * @return the listening server; close it
     * @throws IOException when the listener cannot be bound
     */
    public static StopReadingServer start(KeyMaterial material, TlsVersion version, byte[] response)
            throws IOException {
        return new StopReadingServer(sslContext(material), version, response);
    }

    /**
     * The port it listens on, on the loopback address.
     *
     * @return the port
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * What the server did, once it sent the response; waits up to 20 s.
     *
     * @return the report
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws ExecutionException   with the server's own failure as the cause
     * @throws TimeoutException     when the server did not get that far in 20 s
     */
    public Report report() throws InterruptedException, ExecutionException, TimeoutException {
        return report.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Lets the server start its handshake and send the response, once the client's output backed up. */
    public void respond() {
        respond.countDown();
    }

    /** Lets the server send the response records alone and close with the upload unread: RST, no close_notify. */
    public void respondAndReset() {
        reset = true;
        respond.countDown();
    }

    /** Lets the server read the rest of the client's output and close, once the client read the response. */
    public void drainAndClose() {
        drain.countDown();
    }

    private void serve(SSLContext context, TlsVersion version, byte[] response) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setEnabledProtocols(new String[] {version.protocolName()});
            BlockingTlsPeer peer = new BlockingTlsPeer(engine, socket);
            peer.handshake();
            peer.readRequestHead();
            await(respond, "respond()");
            if (reset) {
                // Nagle would hold the last small record, and the reset would discard it unsent.
                socket.setTcpNoDelay(true);
                peer.writeData(response);
                socket.setSoLinger(true, 0);
                report.complete(new Report(engine.getSession().getProtocol(), new byte[0], peer.cipherBytesRead()));
                return;
            }
            byte[] handshake = peer.startHandshake();
            peer.writeData(response);
            peer.closeNotifyAndFin(socket);
            report.complete(new Report(engine.getSession().getProtocol(), handshake, peer.cipherBytesRead()));
            await(drain, "drainAndClose()");
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            report.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch, String call) throws InterruptedException, IOException {
        if (!latch.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new IOException("expected the test to call " + call + " within " + TIMEOUT_MILLIS + " ms");
        }
    }

    /** Stops the server (it may still be waiting) and waits for its thread. */
    @Override
    public void close() throws IOException {
        respond.countDown();
        drain.countDown();
        listener.close();
        try {
            thread.join(TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A SunJSSE server context with {@code material}; package-private for the test of this server. */
    static SSLContext sslContext(KeyMaterial material) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", material.privateKey(), new char[0],
                    material.chain().toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a JDK SSLContext from the test server's key material", e);
        }
    }
}
