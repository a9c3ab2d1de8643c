package dev.meerkat.benchmarks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The seed run's arithmetic and its refusals; benchmarks/seed-client.sh runs it against nginx. Times nothing. */
class SeedClientRunTest {

    @Test
    void summaryGivesMedianP90AndMeanInMilliseconds() {
        long[] nanos = new long[10];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (10 - i) * 1_000_000L;  // 10 ms down to 1 ms, unsorted on purpose
        }
        assertThat(SeedClientRun.summary("curl", nanos)).isEqualTo("curl 10 6.000 10.000 5.500");
    }

    @Test
    void anUnknownClientIsRefusedByName() {
        assertThatThrownBy(() -> SeedClientRun.main(new String[] {"wget", "https://127.0.0.1:1/", "ca.pem", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected meerkat:PROVIDER or jdk-httpclient but was wget");
    }
}
