package dev.meerkat.benchmarks.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The phase medians' bookkeeping, fed the listener calls by hand. Times nothing. */
class PhaseTimesTest {

    @Test
    void namesEveryPhaseInOrderAndLeavesOutRequestsThatSkippedOne() {
        PhaseTimes phases = new PhaseTimes(2);
        for (int i = 0; i < 2; i++) {
            phases.start(i);
            phases.connected(null);
            phases.request(null, "POST", "/post");  // plain: no handshake
            phases.response(null, 200);
            phases.end();
        }
        String summary = phases.summary();
        assertThat(summary).matches("connect \\d+\\.\\d{3} handshake 0\\.000 request 0\\.000 response \\d+\\.\\d{3}"
                + " return \\d+\\.\\d{3}");
    }

    @Test
    void aRequestThatNeverConnectedCountsInNoPhase() {
        PhaseTimes phases = new PhaseTimes(1);
        phases.start(0);
        phases.end();
        assertThat(phases.summary()).isEqualTo("connect 0.000 handshake 0.000 request 0.000 response 0.000 return 0.000");
    }
}
