package dev.meerkat.tls.spi;

import dev.meerkat.tls.TlsException;
import java.nio.ByteBuffer;

/**
 * Follows the TLS record framing (RFC 8446 section 5.1, RFC 5246 section 6.2: a 5-byte header whose
 * last two bytes are the fragment length) of a ciphertext stream that is handed to a native library.
 *
 * <p>BoringSSL and OpenSSL pull partial records into their own buffers and have no notion of end of
 * input, so at EOF only the caller can tell whether the stream stopped on a record boundary
 * ({@code BETWEEN_RECORDS}) or inside a record ({@code INSIDE_RECORD}). Feed it exactly the bytes
 * the library consumed, in order. It reads header bytes only and skips bodies by arithmetic, so it
 * costs a few operations per record. Not thread-safe: one per connection.
 */
public final class RecordBoundaryTracker {

    /** Type (1) + legacy version (2) + length (2). */
    public static final int HEADER_LENGTH = 5;

    /** Sees each record header as it completes, and may refuse the record. */
    @FunctionalInterface
    public interface HeaderCheck {
        /**
         * Sees one record header, before any byte of its body.
         *
         * @param index  the record's place in the stream, counted from 0
         * @param type   the content type byte, e.g. 22 for handshake, 23 for application data
         * @param length the fragment length in bytes, as the header states it
         * @throws TlsException to refuse the record; the tracker has then counted its header
         */
        void header(long index, int type, int length) throws TlsException;
    }

    private static final HeaderCheck ANY = (index, type, length) -> { };

    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerBytes;
    private int bodyRemaining;
    private long records;

    /** A tracker at the start of a stream, which is a record boundary. */
    public RecordBoundaryTracker() {
    }

    /**
     * Accounts for {@code bytes} from position to limit; the buffer's position is not changed.
     *
     * @param bytes ciphertext the library consumed, in stream order
     */
    public void update(ByteBuffer bytes) {
        try {
            update(bytes, ANY);
        } catch (TlsException e) {
            throw new IllegalStateException("a check that accepts every record refused one", e);
        }
    }

    /**
     * Like {@link #update(ByteBuffer)}, showing {@code check} every header that completes.
     *
     * @param bytes ciphertext the library consumed, in stream order
     * @param check sees each header that completes
     * @throws TlsException what {@code check} threw; bytes after that header are not accounted for
     */
    public void update(ByteBuffer bytes, HeaderCheck check) throws TlsException {
        int index = bytes.position();
        int limit = bytes.limit();
        while (index < limit) {
            if (bodyRemaining > 0) {
                int skip = Math.min(bodyRemaining, limit - index);
                bodyRemaining -= skip;
                index += skip;
            } else {
                header[headerBytes++] = bytes.get(index++);
                if (headerBytes == HEADER_LENGTH) {
                    bodyRemaining = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                    headerBytes = 0;
                    check.header(records++, header[0] & 0xff, bodyRemaining);
                }
            }
        }
    }

    /** {@return true when every byte seen so far belongs to a complete record} */
    public boolean atRecordBoundary() {
        return headerBytes == 0 && bodyRemaining == 0;
    }

    /**
     * How an input that ended without close_notify was cut: inside a record when the caller still
     * holds unconsumed bytes ({@code leftover}) or the library holds part of one, else between records.
     *
     * @param leftover the bytes the caller still holds, position to limit
     * @return {@link InputEnd#INSIDE_RECORD} or {@link InputEnd#BETWEEN_RECORDS}
     */
    public InputEnd truncation(ByteBuffer leftover) {
        return leftover.hasRemaining() || !atRecordBoundary()
                ? InputEnd.INSIDE_RECORD : InputEnd.BETWEEN_RECORDS;
    }

    /** {@return the bytes still missing to complete the current record's header or body (0 on a boundary)} */
    public int missingBytes() {
        return headerBytes > 0 ? HEADER_LENGTH - headerBytes : bodyRemaining;
    }
}
