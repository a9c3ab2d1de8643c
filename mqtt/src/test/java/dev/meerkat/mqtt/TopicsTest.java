package dev.meerkat.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic filters match as MQTT 5.0 section 4.7 says, and invalid filters are refused. */
class TopicsTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "sport/tennis/player1/#, sport/tennis/player1, true",
            "sport/tennis/player1/#, sport/tennis/player1/ranking, true",
            "sport/#, sport, true",
            "sport/tennis/+, sport/tennis/player1, true",
            "sport/tennis/+, sport/tennis/player1/ranking, false",
            "sport/+, sport/, true",
            "+/+, /finance, true",
            "+, /finance, false",
            "#, $SYS/broker, false",
            "+/monitor/Clients, $SYS/monitor/Clients, false",
            "$SYS/#, $SYS/broker, true",
            "a/b, a/b, true",
            "a/b, a/c, false"})
    void matchesAsTheSpecificationSays(String filter, String topic, boolean matches) {
        assertThat(Topics.matches(filter, topic)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sport/tennis#", "sport/tennis/#/ranking", "sport+", "", "a/#/b"})
    void refusesInvalidFilters(String filter) {
        assertThatThrownBy(() -> Topics.checkFilter(filter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+", "a/#", ""})
    void refusesWildcardsAndEmptyTopicNames(String topic) {
        assertThatThrownBy(() -> Topics.checkName(topic)).isInstanceOf(IllegalArgumentException.class);
    }
}
