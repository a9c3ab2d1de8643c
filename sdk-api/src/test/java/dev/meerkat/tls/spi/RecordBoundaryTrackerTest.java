package dev.meerkat.tls.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RecordBoundaryTrackerTest {

    /** Two application_data records with bodies of 3 and 300 bytes. */
    private static final byte[] TWO_RECORDS = twoRecords();

    private static byte[] twoRecords() {
        ByteBuffer b = ByteBuffer.allocate(5 + 3 + 5 + 300);
        b.put(new byte[] {23, 3, 3, 0, 3}).put(new byte[3]);
        b.put(new byte[] {23, 3, 3, 1, 44}).put(new byte[300]);
        return b.array();
    }

    @Test
    void startsOnABoundary() {
        assertThat(new RecordBoundaryTracker().atRecordBoundary()).isTrue();
    }

    @Test
    void endsOnABoundaryAfterWholeRecordsInOneUpdate() {
        RecordBoundaryTracker tracker = new RecordBoundaryTracker();
        ByteBuffer bytes = ByteBuffer.wrap(TWO_RECORDS);
        tracker.update(bytes);
        assertThat(tracker.atRecordBoundary()).isTrue();
        assertThat(bytes.position()).as("position untouched").isZero();
    }

    @Test
    void knowsWhereItIsWhenFedOneByteAtATime() {
        RecordBoundaryTracker tracker = new RecordBoundaryTracker();
        for (int i = 0; i < TWO_RECORDS.length; i++) {
            tracker.update(ByteBuffer.wrap(TWO_RECORDS, i, 1));
            boolean boundary = i == 7 || i == TWO_RECORDS.length - 1;
            assertThat(tracker.atRecordBoundary()).as("after byte %d", i).isEqualTo(boundary);
        }
    }

    @Test
    void countsTheBytesMissingFromAPartialRecord() {
        RecordBoundaryTracker tracker = new RecordBoundaryTracker();
        tracker.update(ByteBuffer.wrap(TWO_RECORDS, 0, 10));
        assertThat(tracker.missingBytes()).isEqualTo(3);
        tracker.update(ByteBuffer.wrap(TWO_RECORDS, 10, 13));
        assertThat(tracker.missingBytes()).isEqualTo(290);
    }

    @Test
    void classifiesAnEndWithoutCloseNotifyByWhereTheInputStopped() {
        RecordBoundaryTracker tracker = new RecordBoundaryTracker();
        ByteBuffer noLeftover = ByteBuffer.allocate(0);
        tracker.update(ByteBuffer.wrap(TWO_RECORDS, 0, 8));
        assertThat(tracker.truncation(noLeftover)).isEqualTo(InputEnd.BETWEEN_RECORDS);
        assertThat(tracker.truncation(ByteBuffer.wrap(new byte[] {23})))
                .as("unconsumed bytes left with the caller").isEqualTo(InputEnd.INSIDE_RECORD);
        tracker.update(ByteBuffer.wrap(TWO_RECORDS, 8, 6));
        assertThat(tracker.truncation(noLeftover))
                .as("part of a record taken into the library").isEqualTo(InputEnd.INSIDE_RECORD);
    }
}
