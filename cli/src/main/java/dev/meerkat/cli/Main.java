package dev.meerkat.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code meerkat} command. Exit status: 0 success, 1 failure, 2 usage error; {@code get} uses
 * 3 to 9 to name its failure (see {@link Failure}).
 */
public final class Main {

    static final int SUCCESS = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private static final String HELP = String.join("\n",
            "usage:",
            "  " + DemoCommand.USAGE,
            "      soak every available provider: 2,000 HTTPS requests per framing (length, chunked, close)",
            "  " + ProvidersCommand.USAGE,
            "      the TLS providers, whether each is available and what it supports",
            "  " + GetCommand.USAGE,
            "      an HTTP/1.1 request like curl; exit 0 only when every response arrived whole",
            "  " + ServeCommand.USAGE,
            "      a static file server; /echo answers with the request body; Ctrl-C stops it",
            "  " + SoakCommand.USAGE,
            "      sequential HTTPS POSTs to an embedded server that closes after each response",
            "  meerkat help");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(HELP);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return parse(args[0], rest).run(out, err);
        } catch (UsageException e) {
            err.println("meerkat: " + e.getMessage());
            err.println("run 'meerkat help' for usage");
            return USAGE;
        }
    }

    static Command parse(String name, List<String> rest) throws UsageException {
        return switch (name) {
            case "providers" -> ProvidersCommand.parse(rest);
            case "get" -> GetCommand.parse(rest);
            case "serve" -> ServeCommand.parse(rest);
            case "soak" -> SoakCommand.parse(rest);
            case "demo" -> DemoCommand.parse(rest);
            case "help", "-h", "--help" -> (out, err) -> {
                out.println(HELP);
                return SUCCESS;
            };
            default -> throw new UsageException("expected a command (demo, providers, get, serve, soak, help) but was '"
                    + name + "'");
        };
    }
}
