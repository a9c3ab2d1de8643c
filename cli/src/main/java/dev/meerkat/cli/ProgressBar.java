package dev.meerkat.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr. On a terminal: one line redrawn with a carriage return at most ten times a
 * second. Elsewhere (a pipe, a log): one summary line per finished scenario, so logs stay readable.
 * Java cannot tell whether stderr is a terminal; the launcher passes {@code -Dmeerkat.stderr.tty=true}
 * when it is, else a console on stdin and stdout is taken as the sign.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private long lastDraw;

    ProgressBar(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static boolean stderrIsTerminal() {
        String property = System.getProperty("meerkat.stderr.tty");
        return property != null ? Boolean.parseBoolean(property) : System.console() != null;
    }

    void update(String label, int done, int total) {
        long now = System.nanoTime();
        if (!terminal || (now - lastDraw < REDRAW_NANOS && done < total)) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        err.printf(Locale.ROOT, "\r%-36s [%s%s] %d/%d", label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total);
        err.flush();
    }

    void finish(String label, ScenarioResult result) {
        String summary = String.format(Locale.ROOT, "%-36s %d requests in %.1f s", label, result.requests(),
                result.elapsedNanos() / 1e9);
        if (terminal) {
            err.print("\r" + summary + " ".repeat(WIDTH + 2) + "\n");
        } else {
            err.println(summary);
        }
        err.flush();
    }
}
