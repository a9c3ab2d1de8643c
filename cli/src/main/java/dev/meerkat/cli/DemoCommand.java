package dev.meerkat.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code meerkat demo}: the soak of every available provider, 2,000 requests per framing (length,
 * chunked, close) with close_notify, then the same close-delimited run with a server that closes
 * without close_notify, where every response must be flagged as possibly truncated, not passed off
 * as whole (Mongoose issue 2570). Prints the table; the exit status is {@link SoakReport}'s.
 */
@CommandLine.Command(name = "demo", description = "Soak every available provider: 2,000 HTTPS requests per"
        + " framing (length, chunked, close), with and without close_notify.")
final class DemoCommand implements Command {

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        List<Scenario> scenarios = new ArrayList<>();
        for (String provider : SoakCommand.providers("all", err)) {
            for (Framing framing : Framing.values()) {
                scenarios.add(new Scenario(provider, framing, true));
            }
            scenarios.add(new Scenario(provider, Framing.CLOSE, false));
        }
        err.println("meerkat demo: " + scenarios.size() + " runs of " + SoakCommand.DEFAULT_REQUESTS
                + " HTTPS POSTs (" + SoakCommand.DEFAULT_BODY + "-byte bodies echoed), a new TLS connection each"
                + " (resumed where the client caches sessions); server provider " + SoakCommand.DEFAULT_SERVER_PROVIDER);
        SoakRun run = new SoakRun(SoakCommand.DEFAULT_SERVER_PROVIDER, SoakCommand.DEFAULT_REQUESTS, SoakCommand.DEFAULT_BODY);
        return SoakReport.print(run.run(scenarios, err), out);
    }
}
