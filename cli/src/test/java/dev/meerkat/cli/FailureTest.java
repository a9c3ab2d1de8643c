package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.http.HttpClientException;
import org.junit.jupiter.api.Test;

class FailureTest {

    private static HttpClientException closed(String message, CloseReason reason) {
        return new HttpClientException(HttpClientException.Kind.CLOSED, message, null, reason);
    }

    @Test
    void namesAResetBeforeAResponseFromItsCloseReason() {
        assertThat(Failure.of(closed("GET http://h/: connection closed before a response", CloseReason.RESET)))
                .isEqualTo(Failure.RESET);
    }

    @Test
    void namesEveryOtherCloseBeforeAResponseATruncation() {
        assertThat(Failure.of(closed("GET http://h/: connection closed before a response", CloseReason.CLEAN)))
                .isEqualTo(Failure.TRUNCATED);
        assertThat(Failure.of(closed("GET http://h/: connection closed (ERROR)", CloseReason.ERROR)))
                .isEqualTo(Failure.TRUNCATED);
    }

    @Test
    void readsTheCloseReasonNotTheMessage() {
        assertThat(Failure.of(closed("GET http://h/RESET: connection closed before a response", CloseReason.CLEAN)))
                .isEqualTo(Failure.TRUNCATED);
    }
}
