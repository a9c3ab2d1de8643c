package dev.meerkat.benchmarks.client;

import dev.meerkat.Connection;
import dev.meerkat.EventListener;
import dev.meerkat.tls.TlsSession;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a Meerkat client's request time goes, from the manager's {@link EventListener}: for each
 * request, the time from the call to the TCP connection (the hand-over to the loop, the resolve, the
 * connect), to the end of the handshake, to the request head sent, to the response head, and back to
 * the caller. {@link #summary} gives the median of each phase, which is how seed-client.sh tells a slow
 * handshake from a slow hand-over.
 */
final class PhaseTimes implements EventListener {
    private static final String[] PHASES = {"connect", "handshake", "request", "response", "return"};

    private final long[][] nanos;
    /** Written by the caller before each request, read on the loop thread (the hand-over orders them). */
    private long[] current = new long[PHASES.length + 1];

    PhaseTimes(int requests) {
        nanos = new long[requests][];
    }

    /** The caller starts request {@code index}. */
    void start(int index) {
        current = new long[PHASES.length + 1];
        current[0] = System.nanoTime();
        nanos[index] = current;
    }

    /** The caller has the whole response of the current request. */
    void end() {
        current[PHASES.length] = System.nanoTime();
    }

    @Override
    public void connected(Connection connection) {
        current[1] = System.nanoTime();
    }

    @Override
    public void handshakeFinished(Connection connection, TlsSession session) {
        current[2] = System.nanoTime();
    }

    @Override
    public void request(Connection connection, String method, String target) {
        current[3] = System.nanoTime();
    }

    @Override
    public void response(Connection connection, int status) {
        current[4] = System.nanoTime();
    }

    /** "connect 0.123 handshake 1.234 ..." medians in ms over every request that saw each phase. */
    String summary() {
        StringBuilder out = new StringBuilder();
        for (int phase = 0; phase < PHASES.length; phase++) {
            long[] spans = new long[nanos.length];
            int n = 0;
            for (long[] stamps : nanos) {
                if (stamps != null && stamps[phase] != 0 && stamps[phase + 1] != 0) {
                    spans[n++] = stamps[phase + 1] - stamps[phase];
                }
            }
            long[] sorted = Arrays.copyOf(spans, n);
            Arrays.sort(sorted);
            out.append(String.format(Locale.ROOT, "%s %.3f ", PHASES[phase], n == 0 ? 0 : sorted[n / 2] / 1e6));
        }
        return out.toString().trim();
    }
}
