package dev.meerkat.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

    private static final long NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();

    @Test
    void formatsIMFFixdate() {
        assertThat(HttpDates.at(NOV_6_1994)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void reusesTheTextWithinOneSecond() {
        String first = HttpDates.at(NOV_6_1994 + 1);
        assertThat(HttpDates.at(NOV_6_1994 + 999)).isSameAs(first);
    }

    @Test
    void formatsAgainWhenTheSecondChanges() {
        HttpDates.at(NOV_6_1994);
        assertThat(HttpDates.at(NOV_6_1994 + 1000)).isEqualTo("Sun, 06 Nov 1994 08:49:38 GMT");
        assertThat(HttpDates.at(NOV_6_1994 - 1)).isEqualTo("Sun, 06 Nov 1994 08:49:36 GMT");
    }

    @Test
    void theDateFieldIsTheTextOfItsOwnSecond() {
        byte[] first = HttpDates.fieldAt(NOV_6_1994);
        assertThat(HttpDates.fieldAt(NOV_6_1994 + 999)).isSameAs(first);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).isEqualTo("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
        assertThat(new String(HttpDates.fieldAt(NOV_6_1994 + 1000), StandardCharsets.ISO_8859_1))
                .isEqualTo("Date: Sun, 06 Nov 1994 08:49:38 GMT\r\n");
        assertThat(first).asString(StandardCharsets.ISO_8859_1).isEqualTo("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
    }

    @Test
    void parsesWhatItFormats() {
        assertThat(HttpDates.parse(HttpDates.at(NOV_6_1994))).isEqualTo(Instant.ofEpochMilli(NOV_6_1994));
    }
}
