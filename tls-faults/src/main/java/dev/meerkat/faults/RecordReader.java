package dev.meerkat.faults;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@link TlsRecord}s. Blocking: each call reads until one whole record
 * arrived or the stream ended.
 */
final class RecordReader {

    private final InputStream in;
    private byte[] leftover = new byte[0];

    RecordReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next whole record, or null when the stream ended. Bytes of an incomplete record before
     * the end are kept in {@link #leftover()}.
     */
    TlsRecord next() throws IOException {
        byte[] header = readUpTo(TlsRecord.HEADER_LENGTH, new byte[0]);
        if (header.length < TlsRecord.HEADER_LENGTH) {
            leftover = header;
            return null;
        }
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        byte[] whole = readUpTo(TlsRecord.HEADER_LENGTH + length, header);
        if (whole.length < TlsRecord.HEADER_LENGTH + length) {
            leftover = whole;
            return null;
        }
        return new TlsRecord(whole);
    }

    /** The bytes of an incomplete record read before the end of the stream; empty when none. */
    byte[] leftover() {
        return leftover.clone();
    }

    private byte[] readUpTo(int total, byte[] start) throws IOException {
        byte[] buffer = Arrays.copyOf(start, total);
        int filled = start.length;
        while (filled < total) {
            int n = in.read(buffer, filled, total - filled);
            if (n < 0) {
                return Arrays.copyOf(buffer, filled);
            }
            filled += n;
        }
        return buffer;
    }
}
