package dev.meerkat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The watermark state: every dip below writability a producer could have seen is answered by a change. */
class WritabilityTest {
    private final Writability writability = new Writability(10, 100);

    @Test
    void turnsUnwritableAboveHighAndWritableOnlyAtLow() {
        writability.update(101);
        assertThat(writability.isWritable()).isFalse();
        writability.update(50);
        assertThat(writability.isWritable()).isFalse();
        writability.update(10);
        assertThat(writability.isWritable()).isTrue();
    }

    @Test
    void announcesEachSideOnce() {
        writability.update(101);
        assertThat(writability.takeChange()).isTrue();
        assertThat(writability.takeChange()).isFalse();
        writability.update(0);
        assertThat(writability.takeChange()).isTrue();
        assertThat(writability.isWritable()).isTrue();
        assertThat(writability.takeChange()).isFalse();
    }

    /**
     * A send left the connection unwritable and the socket drained it before the next announcement:
     * the producer that saw isWritable() false is still owed a Writability(true).
     */
    @Test
    void aDipDrainedBeforeTheAnnouncementIsStillAnnouncedAsWritable() {
        writability.update(101);
        writability.update(0);
        assertThat(writability.isWritable()).isTrue();
        assertThat(writability.takeChange()).isTrue();
        assertThat(writability.takeChange()).isFalse();
    }
}
