package dev.meerkat.internal;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.spi.RecordBoundaryTracker;
import dev.meerkat.tls.spi.TlsPolicy;
import java.nio.ByteBuffer;

/**
 * The record length limits of the TLS policy, enforced once for every provider from the record
 * headers of the ciphertext as it arrives, before any engine sees the record: the first record
 * (a ClientHello or ServerHello, plaintext) at most 2^14 bytes, every later one at most 2^14 + 256
 * (RFC 8446 section 5.2). That is also the limit for TLS 1.2 here: RFC 5246 allows 2^14 + 2048, but
 * the policy's AEAD suites add at most 24 bytes to a record (RFC 5288, RFC 7905), so one limit holds
 * before the version is known, which is when tlsfuzzer's oversized Finished arrives. The engines
 * disagreed on such records: some decrypt first and answer bad_record_mac, some close silently.
 */
final class RecordLimit {

    /** A fatal record_overflow alert (RFC 8446 section 6) as a plaintext record. */
    static final byte[] PLAINTEXT_RECORD_OVERFLOW = {21, 3, 3, 0, 2, 2, 22};

    /**
     * An application_data record header claiming 2^16 - 1 bytes, over every engine's own limit
     * (BoringSSL's 2^14 + 2048 is the largest), so that an engine refuses it from the header alone.
     */
    static final byte[] LARGEST_HEADER = {23, 3, 3, (byte) 0xff, (byte) 0xff};

    private final RecordBoundaryTracker records = new RecordBoundaryTracker();

    /** Follows the record headers in {@code arrived} (position unchanged); throws for a record over its limit. */
    void check(ByteBuffer arrived) throws TlsException {
        records.update(arrived, RecordLimit::checkHeader);
    }

    private static void checkHeader(long index, int type, int length) throws TlsException {
        int limit = index == 0 ? TlsPolicy.MAX_PLAINTEXT : TlsPolicy.MAX_TLS13_CIPHERTEXT;
        if (length > limit) {
            throw new TlsException(TlsException.Kind.PROTOCOL, "record_overflow: the peer's record " + index
                    + " (type " + type + ") claims " + length + " bytes but at most " + limit + " are allowed");
        }
    }
}
