package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meerkat.tls.TlsException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RecordLimitTest {

    @Test
    void theFirstRecordIsPlaintextAndMayHoldTwoToTheFourteenBytes() {
        assertThatCode(() -> new RecordLimit().check(header(16384))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new RecordLimit().check(header(16385)))
                .isInstanceOf(TlsException.class).hasMessageContaining("record_overflow")
                .hasMessageContaining("claims 16385 bytes but at most 16384");
    }

    @Test
    void laterRecordsMayHoldTwoToTheFourteenPlus256OnEitherVersion() throws TlsException {
        RecordLimit limit = afterFirstRecord();
        limit.check(record(16384 + 256));
        assertThatThrownBy(() -> limit.check(header(16384 + 257))).hasMessageContaining("at most 16640");
    }

    @Test
    void aHeaderSplitAcrossReadsIsCheckedWhenItCompletes() throws TlsException {
        RecordLimit limit = new RecordLimit();
        ByteBuffer header = header(16385);
        limit.check(header.duplicate().limit(2));
        assertThatThrownBy(() -> limit.check(header.position(2))).hasMessageContaining("claims 16385");
    }

    private static RecordLimit afterFirstRecord() throws TlsException {
        RecordLimit limit = new RecordLimit();
        limit.check(record(10));
        return limit;
    }

    private static ByteBuffer header(int length) {
        return ByteBuffer.wrap(new byte[] {22, 3, 3, (byte) (length >> 8), (byte) length});
    }

    private static ByteBuffer record(int length) {
        ByteBuffer record = ByteBuffer.allocate(5 + length);
        record.put(header(length)).position(0);
        return record;
    }
}
