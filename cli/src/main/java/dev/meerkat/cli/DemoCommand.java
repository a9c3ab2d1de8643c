package dev.meerkat.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code meerkat demo}: the soak of every available provider, 2,000 requests per framing (length,
 * chunked, close) with close_notify, then the same close-delimited run with a server that closes
 * without close_notify, where every response must be flagged as possibly truncated, not passed off
 * as whole (Mongoose issue 2570). Prints the table; the exit status is {@link SoakReport}'s.
 */
final class DemoCommand implements Command {

    static final String USAGE = "meerkat demo";

    static DemoCommand parse(List<String> arguments) throws UsageException {
        Args args = new Args("demo", arguments);
        if (args.hasNext()) {
            throw args.unknown(args.next());
        }
        return new DemoCommand();
    }

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
