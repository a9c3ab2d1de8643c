package dev.meerkat.tls.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A hostile TLS client that writes raw records, well-formed or not, on a blocking socket to
 * 127.0.0.1: oversized records, handshake messages dripped in fragments, junk. It never decrypts;
 * it reads back what the server sends (a plaintext alert before any key exists) until EOF.
 */
public final class RawRecordWriter implements AutoCloseable {

    public static final int HANDSHAKE = 22;
    public static final int ALERT = 21;
    public static final int APPLICATION_DATA = 23;
    /** The legacy record version every TLS 1.2 and 1.3 record carries (RFC 8446 section 5.1). */
    public static final int TLS12 = 0x0303;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawRecordWriter(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** A record header claiming {@code length} bytes of fragment. */
    public static byte[] header(int type, int length) {
        return new byte[] {(byte) type, (byte) (TLS12 >> 8), (byte) TLS12, (byte) (length >> 8), (byte) length};
    }

    /** A whole record: header, then {@code fragment}. */
    public static byte[] record(int type, byte[] fragment) {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(header(type, fragment.length));
        record.writeBytes(fragment);
        return record.toByteArray();
    }

    /**
     * The start of a ClientHello handshake message that claims {@code length} bytes of body: its
     * 4-byte header (type 1, 24-bit length), for fragmenting over many records (RFC 5246 section 6.2.1).
     */
    public static byte[] clientHelloHeader(int length) {
        return new byte[] {1, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    /** Writes {@code bytes}; false when the server already closed or reset the connection. */
    public boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads until the server sent a record of {@code type} (a TLS 1.3 server's first encrypted
     * record), its end, or {@code timeout}; what it read is dropped.
     */
    public void readUntil(int type, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!new Received(bytes.toByteArray(), false).holdsRecordOfType(type) && System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            int n = in.read(chunk);
            if (n < 0) {
                return;
            }
            bytes.write(chunk, 0, n);
        }
    }

    /** What the server sends until EOF, reset or {@code timeout}, and whether it ended. */
    public Received readUntilEnd(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                int n = in.read(chunk);
                if (n < 0) {
                    return new Received(bytes.toByteArray(), true);
                }
                bytes.write(chunk, 0, n);
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException e) {
                return new Received(bytes.toByteArray(), true);
            }
        }
        return new Received(bytes.toByteArray(), false);
    }

    /** The server's bytes, and whether its side ended (EOF or reset). */
    public record Received(byte[] bytes, boolean ended) {

        /** True when the bytes hold a fatal alert record with {@code description}, sent in plaintext. */
        public boolean holdsPlaintextAlert(int description) {
            for (int at = 0; at + 7 <= bytes.length; at += 5 + length(at)) {
                if ((bytes[at] & 0xff) == ALERT && length(at) == 2 && bytes[at + 5] == 2
                        && (bytes[at + 6] & 0xff) == description) {
                    return true;
                }
            }
            return false;
        }

        /** True when the bytes hold any alert record (plaintext or encrypted: type 21 or, in TLS 1.3, 23). */
        public boolean holdsRecordOfType(int type) {
            for (int at = 0; at + 5 <= bytes.length; at += 5 + length(at)) {
                if ((bytes[at] & 0xff) == type) {
                    return true;
                }
            }
            return false;
        }

        private int length(int at) {
            return (bytes[at + 3] & 0xff) << 8 | bytes[at + 4] & 0xff;
        }

        @Override
        public String toString() {
            return bytes.length + " bytes" + (ended ? ", then the end" : ", still open") + ": "
                    + java.util.HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
