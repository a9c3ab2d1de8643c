package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code meerkat serve}'s default for SunJSSE's stateless tickets, and the user's choice winning over it. */
class JdkSessionTicketsTest {

    private String userValue;

    @BeforeEach
    void keepTheProperty() {
        userValue = System.clearProperty(JdkSessionTickets.PROPERTY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (userValue == null) {
            System.clearProperty(JdkSessionTickets.PROPERTY);
        } else {
            System.setProperty(JdkSessionTickets.PROPERTY, userValue);
        }
    }

    @Test
    void jdk17ServesFromTheServerCacheByDefault() {
        JdkSessionTickets.preferServerCache(17);

        assertThat(System.getProperty(JdkSessionTickets.PROPERTY)).isEqualTo("false");
    }

    @Test
    void theUsersSettingStays() {
        System.setProperty(JdkSessionTickets.PROPERTY, "true");

        JdkSessionTickets.preferServerCache(17);

        assertThat(System.getProperty(JdkSessionTickets.PROPERTY)).isEqualTo("true");
    }

    @Test
    void jdk19AndLaterKeepStatelessTickets() {
        JdkSessionTickets.preferServerCache(19);
        JdkSessionTickets.preferServerCache(25);

        assertThat(System.getProperty(JdkSessionTickets.PROPERTY)).isNull();
    }
}
