package dev.meerkat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meerkat.CloseReason;
import dev.meerkat.http.HttpClientException;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    void namesEveryOtherCloseBeforeAResponseAnEmptyReply() {
        assertThat(Failure.of(closed("GET http://h/: connection closed before a response", CloseReason.CLEAN)))
                .isEqualTo(Failure.EMPTY_REPLY);
        assertThat(Failure.of(closed("GET http://h/: connection closed (ERROR)", CloseReason.ERROR)))
                .isEqualTo(Failure.EMPTY_REPLY);
    }

    @Test
    void namesACloseAfterTheHeadATruncationUnlessItIsAReset() {
        assertThat(Failure.ofClose(CloseReason.TRUNCATED_NO_CLOSE_NOTIFY, true)).isEqualTo(Failure.TRUNCATED);
        assertThat(Failure.ofClose(CloseReason.CLEAN, true)).isEqualTo(Failure.TRUNCATED);
        assertThat(Failure.ofClose(CloseReason.RESET, true)).isEqualTo(Failure.RESET);
    }

    @Test
    void readsTheCloseReasonNotTheMessage() {
        assertThat(Failure.of(closed("GET http://h/RESET: connection closed before a response", CloseReason.CLEAN)))
                .isEqualTo(Failure.EMPTY_REPLY);
    }

    @Test
    void namesAnUnknownHostAResolveFailure() {
        assertThat(Failure.of(new HttpClientException(HttpClientException.Kind.CONNECT, "GET http://nosuch/",
                new UnknownHostException("nosuch")))).isEqualTo(Failure.RESOLVE);
    }

    /** curl's exit code for the same meaning, as its manual lists them under EXIT CODES. */
    @ParameterizedTest
    @CsvSource({"CONNECT, 7", "TIMEOUT, 28", "PROTOCOL, 8", "TOO_LARGE, 63", "MEMORY_BUDGET, 27",
            "TOO_MANY_REDIRECTS, 47", "REQUEST_BODY, 26", "SINK, 23"})
    void givesEachKindCurlsExitCode(HttpClientException.Kind kind, int exitCode) {
        assertThat(Failure.of(new HttpClientException(kind, "GET http://h/", null)).exitStatus()).isEqualTo(exitCode);
    }
}
