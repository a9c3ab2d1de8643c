package dev.meerkat.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The soak table and verdict. The exit status is 0 when every response was what its scenario
 * promises (see {@link ScenarioResult#unexpected()}): no request failed, no byte was lost
 * silently, and responses were flagged as possibly truncated exactly when the body was
 * close-delimited and the server closed without close_notify. Otherwise 1.
 */
final class SoakReport {

    private SoakReport() {
    }

    static int print(List<ScenarioResult> results, PrintStream out) {
        Table table = new Table("client", "framing", "close_notify", "expect", ">requests", ">whole", ">truncated",
                ">silent", ">failed", ">bytes lost", ">p50 ms", ">p99 ms", ">req/s");
        for (ScenarioResult r : results) {
            Scenario s = r.scenario();
            table.row(s.provider(), s.framing().label(), s.closeNotify() ? "yes" : "no",
                    s.expectsTruncation() ? "flagged" : "whole", r.requests(), r.whole(), r.truncated(), r.silent(),
                    r.failed(), r.bytesLost(), millis(r.percentileMillis(50)), millis(r.percentileMillis(99)),
                    String.format(Locale.ROOT, "%.0f", r.requestsPerSecond()));
        }
        table.print(out);
        return verdict(results, out);
    }

    private static int verdict(List<ScenarioResult> results, PrintStream out) {
        int requests = results.stream().mapToInt(ScenarioResult::requests).sum();
        List<ScenarioResult> bad = results.stream().filter(r -> r.unexpected() > 0).toList();
        out.println();
        if (bad.isEmpty()) {
            out.printf(Locale.ROOT, "OK: %d requests, no byte lost silently; every response whole, "
                    + "or flagged as possibly truncated where the server closed without close_notify.%n", requests);
            return Main.SUCCESS;
        }
        for (ScenarioResult r : bad) {
            out.printf(Locale.ROOT, "FAIL %s: %d of %d responses not as expected; first: %s%n", r.scenario().label(),
                    r.unexpected(), r.requests(), r.firstProblem());
        }
        return Main.FAILURE;
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
