package dev.meerkat.cli;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code meerkat soak}: sequential HTTPS POSTs to an embedded server that closes after every
 * response, each response body checked byte for byte. Defaults: every available provider, 2,000
 * requests, 20,000-byte bodies (more than one 16 KiB TLS record, so a body's tail is a record of
 * its own), every framing, close_notify sent. The server uses the {@code jdk} provider (always
 * available, no native code; {@code --server-tls} picks another) so that rows compare clients.
 * Exit status: see {@link SoakReport}.
 */
final class SoakCommand implements Command {

    static final String USAGE = "meerkat soak [--tls NAME|all] [--requests N] [--body BYTES]"
            + " [--framing length|chunked|close|all] [--close-notify yes|no] [--server-tls NAME]";

    static final int DEFAULT_REQUESTS = 2000;
    static final int DEFAULT_BODY = 20_000;
    static final String DEFAULT_SERVER_PROVIDER = "jdk";
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final SoakOptions options;

    private SoakCommand(SoakOptions options) {
        this.options = options;
    }

    static SoakCommand parse(List<String> arguments) throws UsageException {
        return new SoakCommand(SoakOptions.parse(new Args("soak", arguments)));
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        List<Scenario> scenarios = new ArrayList<>();
        for (String provider : providers(options.provider(), err)) {
            for (Framing framing : options.framings()) {
                scenarios.add(new Scenario(provider, framing, options.closeNotify()));
            }
        }
        SoakRun run = new SoakRun(options.serverProvider(), options.requests(), options.body());
        return SoakReport.print(run.run(scenarios, err), out);
    }

    /** The named provider, or for "all" every available one (the others are listed on {@code err}). */
    static List<String> providers(String name, PrintStream err) throws UsageException {
        if (!name.equals("all")) {
            try {
                return List.of(TlsProviders.named(name).name());
            } catch (TlsException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        List<String> available = new ArrayList<>();
        for (TlsProvider p : TlsProviders.all()) {
            if (p.availability().available()) {
                available.add(p.name());
            } else {
                err.println("skipping TLS provider " + p.name() + ": " + p.availability().reason());
            }
        }
        if (available.isEmpty()) {
            throw new UsageException("no TLS provider is available; see 'meerkat providers'");
        }
        return available;
    }

    /** The parsed options of {@code soak}. */
    record SoakOptions(String provider, int requests, int body, List<Framing> framings, boolean closeNotify,
                       String serverProvider) {

        static SoakOptions parse(Args args) throws UsageException {
            String provider = "all";
            int requests = DEFAULT_REQUESTS;
            int body = DEFAULT_BODY;
            List<Framing> framings = Arrays.asList(Framing.values());
            boolean closeNotify = true;
            String serverProvider = DEFAULT_SERVER_PROVIDER;
            while (args.hasNext()) {
                String arg = args.next();
                switch (arg) {
                    case "--tls" -> provider = args.value(arg);
                    case "--requests" -> requests = args.positiveInt(arg);
                    case "--body" -> body = bodySize(args.positiveInt(arg));
                    case "--framing" -> framings = framings(args.choice(arg, Set.of("length", "chunked", "close", "all")));
                    case "--close-notify" -> closeNotify = args.choice(arg, Set.of("yes", "no")).equals("yes");
                    case "--server-tls" -> serverProvider = args.value(arg);
                    default -> throw args.unknown(arg);
                }
            }
            return new SoakOptions(provider, requests, body, List.copyOf(framings), closeNotify, serverProvider);
        }

        private static int bodySize(int bytes) throws UsageException {
            if (bytes > MAX_BODY) {
                throw new UsageException("soak: option --body expects at most " + MAX_BODY + " bytes but was " + bytes);
            }
            return bytes;
        }

        private static List<Framing> framings(String choice) {
            return choice.equals("all") ? Arrays.asList(Framing.values()) : List.of(Framing.ofLabel(choice));
        }
    }
}
