package dev.meerkat.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** {@code meerkat get URL}: curl's flags, read by picocli; {@link GetRun} does the requests. */
@CommandLine.Command(name = "get", sortOptions = false, abbreviateSynopsis = true,
        description = "An HTTP/1.1 request like curl's; exit 0 only when every response arrived whole.",
        footer = {"", "Exit status: 0 whole, 2 usage, 3 connect, 4 handshake, 5 certificate, 6 truncated, 7 reset,"
                + " 8 timeout, 9 protocol, 22 HTTP status 400 or more with -f, 1 anything else."})
final class GetCommand implements Command {

    @CommandLine.Parameters(paramLabel = "URL", description = "http:// or https://; http:// when no scheme is given.")
    private String url;

    @CommandLine.Option(names = {"-X", "--request"}, paramLabel = "METHOD",
            description = "The method (default: GET, or POST with -d).")
    private String method;

    @CommandLine.Option(names = {"-d", "--data"}, paramLabel = "DATA|@FILE",
            description = "Request body; several are joined with '&' and sent as a form.")
    private List<String> data = new ArrayList<>();

    @CommandLine.Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "An extra request header.")
    private List<String> headers = new ArrayList<>();

    @CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the body to FILE, not stdout.")
    private Path output;

    @CommandLine.Option(names = {"-f", "--fail"}, description = "Exit 22, writing no body, on an HTTP status of 400 or more.")
    private boolean fail;

    @CommandLine.Option(names = {"-s", "--silent"}, description = "No failure message; the exit status tells.")
    private boolean silent;

    @CommandLine.Option(names = {"-S", "--show-error"}, description = "With -s, still print the failure message.")
    private boolean showError;

    @CommandLine.Option(names = {"-v", "--verbose"}, description = "Print the TLS session and the response head.")
    private boolean verbose;

    @CommandLine.Option(names = {"-k", "--insecure"}, description = "Do not verify the server's certificate.")
    private boolean insecure;

    @CommandLine.Option(names = "--cacert", paramLabel = "FILE", description = "Trust the PEM certificates in FILE.")
    private Path cacert;

    @CommandLine.Option(names = "--tls", paramLabel = "NAME", description = "TLS provider (see 'meerkat providers').")
    private String provider;

    @CommandLine.Option(names = "--repeat", paramLabel = "N", converter = PositiveInt.class,
            description = "Send the request N times in sequence on one client.")
    private int repeat = 1;

    /** Parses {@code get}'s arguments. */
    static GetCommand parse(List<String> arguments) throws UsageException {
        return Main.parse(new GetCommand(), arguments);
    }

    /** The options picocli read, checked and completed with curl's defaults. */
    GetOptions options() throws UsageException {
        byte[] body = GetOptions.data(data);
        return new GetOptions(GetOptions.url(url), provider, cacert, insecure, GetOptions.method(method, body),
                body == null ? new byte[0] : body, GetOptions.headers(headers, body != null), output, repeat, verbose,
                fail, silent && !showError);
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        return new GetRun(options(), err).run(out);
    }
}
