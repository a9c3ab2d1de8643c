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

    /** Record content type handshake (RFC 8446 section 5.1). */
    public static final int HANDSHAKE = 22;
    /** Record content type alert. */
    public static final int ALERT = 21;
    /** Record content type application_data; TLS 1.3 sends every encrypted record as this type. */
    public static final int APPLICATION_DATA = 23;
    /** The legacy record version every TLS 1.2 and 1.3 record carries (RFC 8446 section 5.1). */
    public static final int TLS12 = 0x0303;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /**
     * Connects to the server.
     *
     * @param port the server's port on the loopback address
     * @throws IOException when the connection cannot be made
     */
    public RawRecordWriter(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /**
     * A record header claiming {@code length} bytes of fragment, whatever follows it.
     *
     * @param type   the content type
     * @param length the claimed fragment length, 0 to 65535
     * @return the 5-byte header, with version {@link #TLS12}
     */
    public static byte[] header(int type, int length) {
        return new byte[] {(byte) type, (byte) (TLS12 >> 8), (byte) TLS12, (byte) (length >> 8), (byte) length};
    }

    /**
     * A whole record: header, then {@code fragment}.
     *
     * @param type     the content type
     * @param fragment the fragment, up to 65535 bytes
     * @return the record's bytes
     */
    public static byte[] record(int type, byte[] fragment) {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(header(type, fragment.length));
        record.writeBytes(fragment);
        return record.toByteArray();
    }

    /**
     * The start of a ClientHello handshake message that claims {@code length} bytes of body: its
     * 4-byte header (type 1, 24-bit length), for fragmenting over many records (RFC 5246 section 6.2.1).
     *
     * @param length the claimed body length, up to 2^24 - 1
     * @return the 4 bytes
     */
    public static byte[] clientHelloHeader(int length) {
        return new byte[] {1, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    /**
     * Writes {@code bytes} and flushes.
     *
     * @param bytes raw bytes, records or not
     * @return true when written, false when the server already closed or reset the connection
     */
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
     *
     * @param type    the content type to wait for
     * @param timeout how long to read at most
     * @throws IOException when reading fails, a reset included
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

    /**
     * What the server sends until EOF, reset or {@code timeout}, and whether it ended.
     *
     * @param timeout how long to read at most
     * @return the bytes read; {@link Received#ended()} false when the timeout came first
     * @throws IOException when the read timeout cannot be set on the socket
     */
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

    /**
     * The server's bytes, and whether its side ended (EOF or reset).
     *
     * @param bytes every byte the server sent, in order
     * @param ended true when the server's side ended (EOF or reset), false when reading timed out
     */
    public record Received(byte[] bytes, boolean ended) {

        /**
         * Whether the server refused with a given alert before any key existed.
         *
         * @param description the alert description, such as 50 (decode_error)
         * @return true when the bytes hold a fatal alert record with {@code description}, sent in plaintext
         */
        public boolean holdsPlaintextAlert(int description) {
            for (int at = 0; at + 7 <= bytes.length; at += 5 + length(at)) {
                if ((bytes[at] & 0xff) == ALERT && length(at) == 2 && bytes[at + 5] == 2
                        && (bytes[at + 6] & 0xff) == description) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether a record of a type arrived, walking the records from the first byte.
         *
         * @param type the content type
         * @return true when the bytes hold a record header of {@code type}
         */
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
