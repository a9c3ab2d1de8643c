package dev.meerkat.internal;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsVersion;
import dev.meerkat.tls.spi.RecordBoundaryTracker;
import dev.meerkat.tls.spi.TlsPolicy;
import java.nio.ByteBuffer;

/**
 * The record length limits of the TLS policy, enforced once for every provider from the record
 * headers of the ciphertext as it arrives, before any engine sees the record: the first record
 * (a ClientHello or ServerHello, plaintext) at most 2^14 bytes, later records at most 2^14 + 256
 * once TLS 1.3 is known, else 2^14 + 2048 (RFC 8446 section 5, RFC 5246 section 6.2.3). Engines
 * differ here: some wait for the whole of an oversized record, some close without an alert.
 */
final class RecordLimit {

    /** A fatal record_overflow alert (RFC 8446 section 6) as a plaintext record. */
    static final byte[] PLAINTEXT_RECORD_OVERFLOW = {21, 3, 3, 0, 2, 2, 22};

    private final RecordBoundaryTracker records = new RecordBoundaryTracker();
    private TlsVersion version;

    /** The version, once the handshake negotiated it: TLS 1.3 lowers the limit. */
    void negotiated(TlsVersion negotiated) {
        version = negotiated;
    }

    /** Follows the record headers in {@code arrived} (position unchanged); throws for a record over its limit. */
    void check(ByteBuffer arrived) throws TlsException {
        records.update(arrived, this::checkHeader);
    }

    private void checkHeader(long index, int type, int length) throws TlsException {
        int limit = limitFor(index);
        if (length > limit) {
            throw new TlsException(TlsException.Kind.PROTOCOL, "record_overflow: the peer's record " + index
                    + " (type " + type + ") claims " + length + " bytes but at most " + limit + " are allowed");
        }
    }

    private int limitFor(long index) {
        if (index == 0) {
            return TlsPolicy.MAX_PLAINTEXT;
        }
        return version == TlsVersion.TLS_1_3 ? TlsPolicy.MAX_TLS13_CIPHERTEXT : TlsPolicy.MAX_TLS12_CIPHERTEXT;
    }
}
