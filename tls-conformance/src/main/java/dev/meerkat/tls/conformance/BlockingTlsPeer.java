package dev.meerkat.tls.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One side of a TLS connection written by hand: a JDK {@link SSLEngine} over a blocking socket,
 * step by step, so that a test peer can do what a well-behaved library never does (stop reading,
 * start a handshake in the middle of a transfer). Used on one thread.
 */
final class BlockingTlsPeer {

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_HANDSHAKE_STEPS = 1000;

    private final SSLEngine engine;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer netIn;
    private final ByteBuffer plain;
    private final ByteBuffer netOut;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private long cipherBytesRead;

    BlockingTlsPeer(SSLEngine engine, Socket socket) throws IOException {
        this.engine = engine;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet).flip();
        this.plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(packet);
    }

    SSLEngine engine() {
        return engine;
    }

    /** Ciphertext bytes read from the socket so far. */
    long cipherBytesRead() {
        return cipherBytesRead;
    }

    /** Runs the first handshake to its end, NewSessionTicket included. */
    void handshake() throws IOException {
        engine.beginHandshake();
        for (int step = 0; step < MAX_HANDSHAKE_STEPS; step++) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_WRAP) {
                write(SslEngines.wrapPending(engine));
            } else if (status == HandshakeStatus.NEED_UNWRAP || status == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                unwrapOnce();
            } else if (status == HandshakeStatus.NEED_TASK) {
                SslEngines.runTasks(engine);
            } else {
                return;
            }
        }
        throw new IOException("expected the handshake to end within " + MAX_HANDSHAKE_STEPS + " steps but it is "
                + engine.getHandshakeStatus());
    }

    /** Decrypts records until the plaintext read holds an HTTP request head; later plaintext is ignored. */
    void readRequestHead() throws IOException {
        while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            if (head.size() > MAX_HEAD) {
                throw new IOException("expected a request head within " + MAX_HEAD + " bytes but read " + head.size());
            }
            unwrapOnce();
        }
    }

    /**
     * Starts a handshake on an established connection (TLS 1.3: KeyUpdate; TLS 1.2: HelloRequest)
     * and writes what the engine produced for it. Returns those bytes.
     */
    byte[] startHandshake() throws IOException {
        engine.beginHandshake();
        ByteBuffer produced = SslEngines.wrapPending(engine);
        byte[] bytes = new byte[produced.remaining()];
        produced.duplicate().get(bytes);
        write(produced);
        return bytes;
    }

    /** Encrypts and writes all of {@code data}, whatever the handshake status. */
    void writeData(byte[] data) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(data);
        while (source.hasRemaining()) {
            netOut.clear();
            SSLEngineResult result = engine.wrap(source, netOut);
            if (result.bytesConsumed() == 0) {
                throw new IOException("expected the engine to wrap application data but it returned " + result);
            }
            write(netOut.flip());
        }
    }

    /**
     * Decrypts what the other side sends until it ends: the fatal alert as the engine reports it
     * ("Received fatal alert: record_overflow"), "close_notify", or "the end without an alert".
     */
    String readUntilAlert() throws IOException {
        for (int step = 0; step < MAX_HANDSHAKE_STEPS; step++) {
            plain.clear();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, plain);
            } catch (SSLException e) {
                return e.getMessage();
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                return "close_notify";
            }
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                try {
                    readMore();
                } catch (IOException e) {
                    return "the end without an alert (" + e.getMessage() + ")";
                }
            }
        }
        throw new IOException("expected an alert or the end within " + MAX_HANDSHAKE_STEPS + " records");
    }

    /** Writes close_notify, then FIN. */
    void closeNotifyAndFin(Socket socket) throws IOException {
        engine.closeOutbound();
        write(SslEngines.wrapPending(engine));
        socket.shutdownOutput();
    }

    /** One unwrap, reading from the socket first when the engine needs more of a record. */
    private void unwrapOnce() throws IOException {
        plain.clear();
        SSLEngineResult result = engine.unwrap(netIn, plain);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            readMore();
            return;
        }
        head.write(plain.array(), 0, plain.position());
        if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            SslEngines.runTasks(engine);
        }
    }

    private void readMore() throws IOException {
        netIn.compact();
        int count = in.read(netIn.array(), netIn.position(), netIn.remaining());
        if (count < 0) {
            throw new IOException("expected more TLS records from the client but it closed its output");
        }
        cipherBytesRead += count;
        netIn.position(netIn.position() + count).flip();
    }

    private void write(ByteBuffer bytes) throws IOException {
        out.write(bytes.array(), bytes.position(), bytes.remaining());
        out.flush();
    }
}
