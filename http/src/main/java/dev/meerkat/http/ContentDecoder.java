package dev.meerkat.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip (RFC 1952) or deflate (RFC 9110 section 8.4.1.2: zlib, RFC 1950; a raw deflate
 * stream, as some servers send, is accepted too) response body as it arrives, with
 * {@link Inflater}: nothing is held but the inflater's window and the few header bytes not yet
 * complete. The gzip trailer's CRC-32 and length are checked. The inflater's native memory is freed
 * by its cleaner: a listener may end the exchange in the middle of a decode.
 */
final class ContentDecoder {

    private static final int OUTPUT = 16 * 1024;
    private static final int GZIP_TRAILER = 8;

    private final boolean gzip;
    private final ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    private final CRC32 crc = new CRC32();
    private final byte[] trailer = new byte[GZIP_TRAILER];
    private final byte[] piece = new byte[OUTPUT];
    private Inflater inflater;
    private int trailerBytes;

    private ContentDecoder(boolean gzip) {
        this.gzip = gzip;
    }

    /** A decoder for {@code head}'s one content coding, gzip or deflate; null for none or any other. */
    static ContentDecoder forHead(HttpResponseHead head) {
        List<String> codings = head.headers().tokens("Content-Encoding");
        if (codings.size() != 1) {
            return null;
        }
        return switch (codings.get(0)) {
            case "gzip", "x-gzip" -> new ContentDecoder(true);
            case "deflate" -> new ContentDecoder(false);
            default -> null;
        };
    }

    /** {@code head} as the decoded body goes with it: no Content-Encoding, no Content-Length of the coded bytes. */
    static HttpResponseHead decodedHead(HttpResponseHead head) {
        Headers headers = head.headers().toBuilder().remove("Content-Encoding").remove("Content-Length").build();
        return new HttpResponseHead(head.version(), head.status(), head.reason(), headers);
    }

    /** Decodes the coded bytes of {@code in}, handing each decoded piece (valid during the call) to {@code out}. */
    void decode(ByteBuffer in, Consumer<ByteBuffer> out) throws DataFormatException {
        ByteBuffer input = inflater != null ? in : afterHeader(in);
        if (input == null) {
            return;
        }
        if (!inflater.finished()) {
            inflate(input, out);
        }
        readTrailer(input);
        // Bytes after the end (another gzip member) are not decoded.
        in.position(in.limit());
    }

    /** True when the coded stream ended whole: a body that ends before is cut short. */
    boolean finished() {
        return inflater != null && inflater.finished() && (!gzip || trailerBytes == GZIP_TRAILER);
    }

    /**
     * Gathers the gzip header (or deflate's first two bytes, which say zlib or raw); once whole,
     * makes the inflater and returns the bytes after the header, else null.
     */
    private ByteBuffer afterHeader(ByteBuffer in) throws DataFormatException {
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        prefix.writeBytes(bytes);
        byte[] seen = prefix.toByteArray();
        int headerLength = gzip ? gzipHeaderLength(seen) : seen.length >= 2 ? 0 : -1;
        if (headerLength < 0) {
            return null;
        }
        inflater = new Inflater(gzip || !isZlib(seen));
        prefix.reset();
        return ByteBuffer.wrap(seen, headerLength, seen.length - headerLength);
    }

    private void inflate(ByteBuffer input, Consumer<ByteBuffer> out) throws DataFormatException {
        inflater.setInput(input);
        while (!inflater.finished()) {
            int count = inflater.inflate(piece);
            if (inflater.needsDictionary()) {
                throw new DataFormatException("expected a deflate stream without a preset dictionary but it needs one");
            }
            if (count == 0) {
                return;
            }
            crc.update(piece, 0, count);
            out.accept(ByteBuffer.wrap(piece, 0, count));
        }
    }

    private void readTrailer(ByteBuffer input) throws DataFormatException {
        if (!gzip || !inflater.finished() || trailerBytes == GZIP_TRAILER) {
            return;
        }
        while (input.hasRemaining() && trailerBytes < GZIP_TRAILER) {
            trailer[trailerBytes++] = input.get();
        }
        if (trailerBytes == GZIP_TRAILER) {
            checkTrailer();
        }
    }

    private void checkTrailer() throws DataFormatException {
        ByteBuffer t = ByteBuffer.wrap(trailer).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long expectedCrc = t.getInt() & 0xffffffffL;
        long expectedSize = t.getInt() & 0xffffffffL;
        if (expectedCrc != crc.getValue() || expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new DataFormatException("expected the gzip trailer's CRC-32 " + expectedCrc + " and length "
                    + expectedSize + " but the body decoded to " + crc.getValue() + " and " + inflater.getBytesWritten());
        }
    }

    /** zlib's header: compression method 8 and a check value that makes the first two bytes a multiple of 31. */
    private static boolean isZlib(byte[] first) {
        int cmf = first[0] & 0xff;
        int flg = first[1] & 0xff;
        return (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
    }

    /** The length of the gzip header at the start of {@code b} (RFC 1952 section 2.3), or -1 while incomplete. */
    static int gzipHeaderLength(byte[] b) throws DataFormatException {
        if (b.length < 10) {
            return -1;
        }
        if ((b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
            throw new DataFormatException("expected a gzip header (1f 8b 08) but the body began with "
                    + String.format("%02x %02x %02x", b[0], b[1], b[2]));
        }
        int flags = b[3];
        long at = 10;
        if ((flags & 4) != 0) {
            at = b.length < at + 2 ? Long.MAX_VALUE / 2 : at + 2 + ((b[10] & 0xff) | (b[11] & 0xff) << 8);
        }
        for (int zeroEnded : new int[] {8, 16}) {
            if ((flags & zeroEnded) != 0) {
                at = afterZero(b, at);
            }
        }
        at = (flags & 2) != 0 ? at + 2 : at;
        return at <= b.length ? (int) at : -1;
    }

    /** The index after the zero byte that ends the field at {@code from} (a name, a comment), far past the end while none came. */
    private static long afterZero(byte[] b, long from) {
        for (long i = from; i < b.length; i++) {
            if (b[(int) i] == 0) {
                return i + 1;
            }
        }
        return Long.MAX_VALUE / 2;
    }
}
