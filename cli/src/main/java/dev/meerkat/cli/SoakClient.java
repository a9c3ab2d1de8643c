package dev.meerkat.cli;

import dev.meerkat.Manager;
import dev.meerkat.http.HttpClient;
import dev.meerkat.http.HttpClientOptions;
import dev.meerkat.http.HttpClientRequest;
import dev.meerkat.http.HttpResponse;
import dev.meerkat.tls.TlsContext;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a scenario's POSTs one after another with one {@link HttpClient} and checks every response
 * body byte for byte against the request body, which the soak server echoes.
 */
final class SoakClient {

    /** Longer than the client's own 60 s total timeout: only a hung client would reach it. */
    private static final long WAIT_SECONDS = 90;

    private final Manager manager;
    private final int port;
    private final int requests;
    private final int bodySize;
    private final ProgressBar progress;

    SoakClient(Manager manager, int port, int requests, int bodySize, ProgressBar progress) {
        this.manager = manager;
        this.port = port;
        this.requests = requests;
        this.bodySize = bodySize;
        this.progress = progress;
    }

    ScenarioResult run(Scenario scenario, TlsContext tls) {
        Tally tally = new Tally(scenario, requests);
        HttpClientOptions options = HttpClientOptions.defaults().withMaxPerHost(1)
                .withMaxBodyBytes(2L * bodySize + 65536);
        options = options.withConnection(options.connection().withTls(tls));
        String url = "https://127.0.0.1:" + port + scenario.path();
        long start = System.nanoTime();
        try (HttpClient client = new HttpClient(manager, options)) {
            for (int n = 0; n < requests; n++) {
                byte[] body = Payload.of(n, bodySize);
                long sent = System.nanoTime();
                tally.record(n, body, send(client, url, body), System.nanoTime() - sent);
                progress.update(scenario.label(), n + 1, requests);
            }
        }
        ScenarioResult result = tally.result(System.nanoTime() - start);
        progress.finish(scenario.label(), result);
        return result;
    }

    private static Object send(HttpClient client, String url, byte[] body) {
        try {
            return client.send(HttpClientRequest.builder("POST", url).body(body).build()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** Counts outcomes as they come. */
    private static final class Tally {
        private final Scenario scenario;
        private final long[] latencies;
        private int responses;
        private int whole;
        private int truncated;
        private int silent;
        private int failed;
        private long bytesLost;
        private String firstProblem;

        Tally(Scenario scenario, int requests) {
            this.scenario = scenario;
            this.latencies = new long[requests];
        }

        /** {@code outcome} is the response, or the Throwable that ended the request. */
        void record(int n, byte[] expected, Object outcome, long nanos) {
            if (!(outcome instanceof HttpResponse response) || response.status() != 200) {
                failed++;
                problem(n, outcome instanceof HttpResponse r ? "expected status 200 but was " + r.status()
                        : String.valueOf(((Throwable) outcome).getMessage()));
                return;
            }
            latencies[responses++] = nanos;
            int same = commonPrefix(expected, response.body());
            long lost = expected.length - same + Math.max(0, response.body().length - expected.length);
            bytesLost += lost;
            if (!response.complete()) {
                truncated++;
                if (!scenario.expectsTruncation()) {
                    problem(n, "flagged as possibly truncated (close reason " + response.closeReason() + ")");
                }
            } else if (lost == 0) {
                whole++;
                if (scenario.expectsTruncation()) {
                    problem(n, "a close-delimited body without close_notify was reported whole");
                }
            } else {
                silent++;
                problem(n, "reported whole but expected " + expected.length + " bytes and got " + response.body().length
                        + ", the first " + same + " matching");
            }
        }

        ScenarioResult result(long elapsedNanos) {
            return new ScenarioResult(scenario, latencies.length, whole, truncated, silent, failed, bytesLost,
                    Arrays.copyOf(latencies, responses), elapsedNanos, firstProblem);
        }

        private void problem(int n, String what) {
            if (firstProblem == null) {
                firstProblem = "request " + (n + 1) + ": " + what;
            }
        }

        private static int commonPrefix(byte[] a, byte[] b) {
            int mismatch = Arrays.mismatch(a, b);
            return mismatch < 0 ? a.length : mismatch;
        }
    }
}
