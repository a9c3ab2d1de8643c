package dev.meerkat.cli;

import dev.meerkat.tls.TlsException;
import dev.meerkat.tls.TlsProvider;
import dev.meerkat.tls.TlsProviders;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * {@code meerkat soak}: sequential HTTPS POSTs to an embedded server that closes after every
 * response, each response body checked byte for byte. Defaults: every available provider, 2,000
 * requests, 20,000-byte bodies (more than one 16 KiB TLS record, so a body's tail is a record of
 * its own), every framing, close_notify sent. The server uses the {@code jdk} provider (always
 * available, no native code; {@code --server-tls} picks another) so that rows compare clients.
 * Exit status: see {@link SoakReport}.
 */
@CommandLine.Command(name = "soak", sortOptions = false,
        description = "Sequential HTTPS POSTs to an embedded server that closes after each response.")
final class SoakCommand implements Command {

    static final int DEFAULT_REQUESTS = 2000;
    static final int DEFAULT_BODY = 20_000;
    static final String DEFAULT_SERVER_PROVIDER = "jdk";
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final Set<String> FRAMINGS = Set.of("length", "chunked", "close", "all");

    @CommandLine.Option(names = "--tls", paramLabel = "NAME|all", description = "Client provider (default: all).")
    private String provider = "all";

    @CommandLine.Option(names = "--requests", paramLabel = "N", converter = PositiveInt.class,
            description = "Requests per scenario (default: " + DEFAULT_REQUESTS + ").")
    private int requests = DEFAULT_REQUESTS;

    @CommandLine.Option(names = "--body", paramLabel = "BYTES", converter = PositiveInt.class,
            description = "Body size (default: " + DEFAULT_BODY + ").")
    private int body = DEFAULT_BODY;

    @CommandLine.Option(names = "--framing", paramLabel = "length|chunked|close|all", description = "The framings to run (default: all).")
    private String framing = "all";

    @CommandLine.Option(names = "--close-notify", paramLabel = "yes|no",
            description = "Whether the server sends close_notify (default: yes).")
    private String closeNotify = "yes";

    @CommandLine.Option(names = "--server-tls", paramLabel = "NAME",
            description = "Server provider (default: " + DEFAULT_SERVER_PROVIDER + ").")
    private String serverProvider = DEFAULT_SERVER_PROVIDER;

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        SoakOptions checked = options();
        List<Scenario> scenarios = new ArrayList<>();
        for (String client : providers(checked.provider(), err)) {
            for (Framing each : checked.framings()) {
                scenarios.add(new Scenario(client, each, checked.closeNotify()));
            }
        }
        SoakRun run = new SoakRun(checked.serverProvider(), checked.requests(), checked.body());
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
    }

    /** The options picocli read, checked. */
    SoakOptions options() throws UsageException {
        if (body > MAX_BODY) {
            throw new UsageException("soak: option --body expects at most " + MAX_BODY + " bytes but was " + body);
        }
        String framingChoice = choice("--framing", framing, FRAMINGS);
        List<Framing> framings = framingChoice.equals("all") ? Arrays.asList(Framing.values())
                : List.of(Framing.ofLabel(framingChoice));
        boolean sendCloseNotify = choice("--close-notify", closeNotify, Set.of("yes", "no")).equals("yes");
        return new SoakOptions(provider, requests, body, List.copyOf(framings), sendCloseNotify, serverProvider);
    }

    /** {@code value} in lower case, which must be one of {@code allowed}. */
    private static String choice(String option, String value, Set<String> allowed) throws UsageException {
        String text = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(text)) {
            throw new UsageException("soak: option " + option + " expects one of " + new TreeSet<>(allowed)
                    + " but was '" + text + "'");
        }
        return text;
    }
}
