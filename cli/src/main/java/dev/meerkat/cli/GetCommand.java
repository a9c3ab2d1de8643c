package dev.meerkat.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** {@code meerkat get URL}: curl's flags, read by picocli; {@link GetRun} does the requests. */
@CommandLine.Command(name = "get", sortOptions = false, abbreviateSynopsis = true,
        description = {"Transfer a URL over HTTP/1.1 with curl's flags and exit codes.",
                "Exits 0 only when every response arrived whole."},
        footer = {"", "Exit status, curl's where the meaning is the same:",
                "  0 whole, 1 other failure, 2 usage, 6 resolve, 7 connect, 8 protocol,",
                "  18 truncated (partial file), 22 HTTP status 400 or more with -f, 23 write,",
                "  26 read (request body), 27 memory, 28 timeout, 35 handshake, 47 redirects,",
                "  52 empty reply, 56 reset, 60 certificate, 63 too large.",
                "Unlike curl, a close-delimited body cut without TLS close_notify exits 18.",
                "Proxies: -x, else https_proxy (https) or http_proxy (http), minus no_proxy.",
                "Key log: TLS secrets go to the file SSLKEYLOGFILE names, as with curl (not with --tls jdk)."})
final class GetCommand implements Command {

    @CommandLine.Parameters(paramLabel = "URL", description = "http:// or https://; http:// when no scheme is given.")
    private String url;

    @CommandLine.Option(names = {"-X", "--request"}, paramLabel = "METHOD",
            description = "The method (default: GET, or POST with -d).")
    private String method;

    /** Every -d and --data-binary, in the order given: curl joins them so. */
    private final List<GetRequest.Data> data = new ArrayList<>();

    @CommandLine.Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "An extra request header.")
    private List<String> headers = new ArrayList<>();

    @CommandLine.Option(names = {"-A", "--user-agent"}, paramLabel = "NAME", description = "The User-Agent to send.")
    private String userAgent;

    @CommandLine.Option(names = {"-u", "--user"}, paramLabel = "USER:PASSWORD", description = "Basic authentication.")
    private String user;

    @CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the body to FILE, streamed, no size limit; it keeps what arrived after a failure.")
    private Path output;

    @CommandLine.Option(names = {"-i", "--include"}, description = "Write the response head before the body.")
    private boolean include;

    @CommandLine.Option(names = {"-I", "--head"}, description = "Send HEAD and write the response head.")
    private boolean head;

    @CommandLine.Option(names = {"-L", "--location"}, description = "Follow redirects.")
    private boolean location;

    @CommandLine.Option(names = "--max-redirs", paramLabel = "N", description = "Redirects -L follows (default: 50).")
    private int maxRedirects = 50;

    @CommandLine.Option(names = {"-f", "--fail"}, description = "Exit 22, writing no body, on an HTTP status of 400 or more.")
    private boolean fail;

    @CommandLine.Option(names = {"-s", "--silent"}, description = "No failure message; the exit status tells.")
    private boolean silent;

    @CommandLine.Option(names = {"-S", "--show-error"}, description = "With -s, still print the failure message.")
    private boolean showError;

    @CommandLine.Option(names = {"-v", "--verbose"},
            description = "Print the request ('>'), the response head ('<') and the connection ('*') to stderr.")
    private boolean verbose;

    @CommandLine.Option(names = {"-w", "--write-out"}, paramLabel = "FORMAT",
            description = {"Write FORMAT after the transfer, with the variables", "%%{http_code} %%{size_download} %%{time_total}",
                    "%%{url_effective} %%{exitcode}, and \\n for a newline."})
    private String writeOut;

    @CommandLine.Option(names = {"-m", "--max-time"}, paramLabel = "SECONDS", converter = Seconds.class,
            description = "Longest time for the whole transfer (default: none).")
    private Duration maxTime;

    @CommandLine.Option(names = "--connect-timeout", paramLabel = "SECONDS", converter = Seconds.class,
            description = "Longest time to connect, TLS handshake included (default: 10).")
    private Duration connectTimeout;

    @CommandLine.Option(names = "--compressed", description = "Ask for gzip or deflate and decode the body.")
    private boolean compressed;

    @CommandLine.Option(names = {"-x", "--proxy"}, paramLabel = "[http://]HOST[:PORT]",
            description = "Send through this HTTP proxy (https gets a CONNECT tunnel).")
    private String proxy;

    @CommandLine.Option(names = "--noproxy", paramLabel = "HOSTS", description = "Hosts, comma-separated, reached without the proxy.")
    private String noProxy;

    @CommandLine.Option(names = {"-k", "--insecure"}, description = "Do not verify the server's certificate.")
    private boolean insecure;

    @CommandLine.Option(names = "--cacert", paramLabel = "FILE", description = "Trust the PEM certificates in FILE.")
    private Path cacert;

    @CommandLine.Option(names = {"-E", "--cert"}, paramLabel = "FILE", description = "PEM client certificate chain (with --key).")
    private Path cert;

    @CommandLine.Option(names = "--key", paramLabel = "FILE", description = "PEM private key of --cert.")
    private Path key;

    @CommandLine.Option(names = "--http1.1", description = "Use HTTP/1.1 (the only version; accepted for curl's scripts).")
    private boolean http11;

    @CommandLine.Option(names = "--tls", paramLabel = "NAME", description = "TLS provider (see 'meerkat providers').")
    private String provider;

    @CommandLine.Option(names = "--repeat", paramLabel = "N", converter = PositiveInt.class,
            description = "Send the request N times in sequence on one client.")
    private int repeat = 1;

    @CommandLine.Option(names = {"-d", "--data"}, paramLabel = "DATA|@FILE",
            description = "Request body, CR and LF of a file dropped; several are joined with '&' and sent as a form.")
    private void data(String value) {
        data.add(new GetRequest.Data(value, false));
    }

    @CommandLine.Option(names = "--data-binary", paramLabel = "DATA|@FILE",
            description = "Request body as it is; one @FILE alone is streamed from disk.")
    private void dataBinary(String value) {
        data.add(new GetRequest.Data(value, true));
    }

    /** The environment the proxy variables are read from. */
    private Map<String, String> environment = System.getenv();

    /** Parses {@code get}'s arguments. */
    static GetCommand parse(List<String> arguments) throws UsageException {
        return Main.parse(new GetCommand(), arguments);
    }

    /** Parses {@code get}'s arguments, reading the proxy variables from {@code env}. */
    static GetCommand parse(List<String> arguments, Map<String, String> env) throws UsageException {
        GetCommand command = parse(arguments);
        command.environment = env;
        return command;
    }

    /** The options picocli read, checked and completed with curl's defaults. */
    GetOptions options() throws UsageException {
        GetRequest request = GetRequest.of(url, method, head, data, headers, user);
        ClientSettings client = new ClientSettings(location ? maxRedirects : 0, maxTime, connectTimeout, compressed,
                userAgent, Proxies.choose(request.url(), proxy, noProxy, environment),
                new TlsSettings(provider, cacert, insecure, cert, key));
        Display display = new Display(output, head || include, verbose, fail, silent && !showError, writeOut);
        return new GetOptions(request, client, display, repeat);
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException {
        return new GetRun(options(), err).run(out);
    }
}
