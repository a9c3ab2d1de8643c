package dev.meerkat.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

    private static final TlsRecord HANDSHAKE = TlsRecord.of(TlsRecord.HANDSHAKE, new byte[] {1, 2, 3});
    private static final TlsRecord DATA = TlsRecord.of(TlsRecord.APPLICATION_DATA, new byte[300]);

    @Test
    void splitsAStreamIntoWholeRecords() throws IOException {
        RecordReader reader = new RecordReader(new ByteArrayInputStream(concat(HANDSHAKE, DATA)));
        assertThat(reader.next()).isEqualTo(HANDSHAKE);
        assertThat(reader.next()).isEqualTo(DATA);
        assertThat(reader.next()).isNull();
        assertThat(reader.leftover()).isEmpty();
    }

    @Test
    void keepsTheBytesOfAnIncompleteLastRecord() throws IOException {
        byte[] stream = concat(HANDSHAKE, DATA);
        byte[] cut = Arrays.copyOf(stream, HANDSHAKE.size() + 10);
        RecordReader reader = new RecordReader(new ByteArrayInputStream(cut));
        assertThat(reader.next()).isEqualTo(HANDSHAKE);
        assertThat(reader.next()).isNull();
        assertThat(reader.leftover()).isEqualTo(DATA.prefix(10));
    }

    @Test
    void keepsTheBytesOfAnIncompleteHeader() throws IOException {
        RecordReader reader = new RecordReader(new ByteArrayInputStream(DATA.prefix(3)));
        assertThat(reader.next()).isNull();
        assertThat(reader.leftover()).isEqualTo(DATA.prefix(3));
    }

    @Test
    void readsTheHeaderFields() {
        assertThat(DATA.type()).isEqualTo(23);
        assertThat(DATA.fragmentLength()).isEqualTo(300);
        assertThat(DATA.size()).isEqualTo(305);
        assertThat(DATA.mayBeAlert()).isFalse();
        assertThat(TlsRecord.of(TlsRecord.APPLICATION_DATA, new byte[19]).mayBeAlert()).isTrue();
        assertThat(TlsRecord.of(TlsRecord.HANDSHAKE, new byte[19]).mayBeAlert()).isFalse();
    }

    private static byte[] concat(TlsRecord... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TlsRecord r : records) {
            out.writeBytes(r.bytes());
        }
        return out.toByteArray();
    }
}
