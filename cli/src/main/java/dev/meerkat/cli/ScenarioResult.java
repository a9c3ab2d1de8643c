package dev.meerkat.cli;

import java.util.Arrays;

/**
 * The outcome of one {@link Scenario}.
 *
 * @param requests     requests sent
 * @param whole        responses reported complete whose body matched byte for byte
 * @param truncated    responses flagged as possibly truncated (not complete)
 * @param silent       responses reported complete whose body did not match: silent loss, the bug
 * @param failed       requests without a response (connect, handshake, timeout, protocol) or not 200
 * @param bytesLost    bytes missing or wrong, from the first difference on, over every response
 * @param latencyNanos per response, from send to the whole response
 * @param elapsedNanos the whole scenario
 * @param firstProblem the first failure or mismatch, or null
 */
record ScenarioResult(Scenario scenario, int requests, int whole, int truncated, int silent, int failed,
                      long bytesLost, long[] latencyNanos, long elapsedNanos, String firstProblem) {

    /**
     * Responses that were not what the scenario promises: failures, silent losses, and a flag that
     * is wrong either way (a truncation flag where the server sent close_notify or a length, or a
     * close-delimited body without close_notify reported whole).
     */
    int unexpected() {
        return failed + silent + (scenario.expectsTruncation() ? whole : truncated);
    }

    double percentileMillis(double p) {
        if (latencyNanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    double requestsPerSecond() {
        return elapsedNanos == 0 ? 0 : requests * 1e9 / elapsedNanos;
    }
}
